#pragma once
// What Cortex-M control, target detection and flash programming need from a debug probe:
// memory of any size and alignment, core registers, the reset line. The ST-Link driver
// implements it; nothing above it knows which probe is in use.
#include <cstdint>
#include <span>

namespace hiltest::probe::arm {

enum class AccessWidth : uint8_t { Bits8 = 1, Bits16 = 2, Bits32 = 4 };

class TargetAccess {
public:
    virtual ~TargetAccess() = default;

    // Any address and length; `widest` caps the bus access size (16 for half-word-only
    // peripherals such as the F1 flash). Chunking and alignment are the probe's business.
    virtual void read_memory(uint32_t address, std::span<uint8_t> out,
                             AccessWidth widest = AccessWidth::Bits32) = 0;
    virtual void write_memory(uint32_t address, std::span<const uint8_t> data,
                              AccessWidth widest = AccessWidth::Bits32) = 0;
    virtual uint32_t read_word(uint32_t address) = 0;
    virtual void write_word(uint32_t address, uint32_t value) = 0;

    // DCRSR REGSEL numbering (0-15 R0-PC, 16 xPSR, 17 MSP, 18 PSP, 20 CONTROL/…/PRIMASK).
    // The core must be halted.
    virtual uint32_t read_core_register(unsigned regsel) = 0;
    virtual void write_core_register(unsigned regsel, uint32_t value) = 0;

    // Drive the target's NRST pin (true = held in reset). Whether the wire exists is not
    // knowable from here; callers check the effect (DHCSR.S_RESET_ST).
    virtual void set_reset_line(bool asserted) = 0;
};

// Releases the target's reset line when it goes out of scope, on every path: an error or a
// lost link half-way through a reset must never leave the chip held in reset for whatever
// comes next. Construct it before the line is driven low; call release() on the normal path
// (it throws like any probe access). If the release at scope exit fails too (the link is
// gone), `*release_failed` is set so the caller can release the line once the link is back.
class ResetLineGuard {
public:
    explicit ResetLineGuard(TargetAccess& target, bool* release_failed = nullptr)
        : target_(target), release_failed_(release_failed)
    {
    }
    ResetLineGuard(const ResetLineGuard&) = delete;
    ResetLineGuard& operator=(const ResetLineGuard&) = delete;
    ~ResetLineGuard()
    {
        if (released_) return;
        try {
            target_.set_reset_line(false);
        } catch (...) {
            if (release_failed_) *release_failed_ = true;
        }
    }

    void release()
    {
        target_.set_reset_line(false);
        released_ = true;
    }

private:
    TargetAccess& target_;
    bool* release_failed_;
    bool released_ = false;
};

}  // namespace hiltest::probe::arm
