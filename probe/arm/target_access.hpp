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

}  // namespace hiltest::probe::arm
