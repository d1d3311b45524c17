#pragma once
// Unicorn (QEMU's ARM translator, Debian libunicorn 2.0.1) configured as a Cortex-M3: the
// reference the simulated core is compared against. Owns its engine and its memory.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tests/differential/machine_state.hpp"
#include "tests/differential/thumb_stream.hpp"

struct uc_struct;

namespace hiltest::testing::differential {

// Unicorn 2.0.1 crashes (SIGSEGV in tb_set_jmp_target, unicorn-engine/unicorn#1702/#1923/#2048)
// once its translation buffer has been filled over tens of thousands of streams; users recreate
// the engine every streams_per_engine streams (the crash came after ~36000).
class UnicornOracle {
public:
    static constexpr unsigned streams_per_engine = 2000;

    explicit UnicornOracle(const MemoryLayout& layout);  // throws std::runtime_error if Unicorn refuses
    ~UnicornOracle();
    UnicornOracle(const UnicornOracle&) = delete;
    UnicornOracle& operator=(const UnicornOracle&) = delete;

    // Flash image (vector table, code) and the stream's initial registers and data window.
    void load(const std::vector<uint8_t>& flash, const Stream& stream);
    // Called before every instruction Unicorn executes (UC_HOOK_CODE), with the state after the
    // previous one; return false to stop the run.
    using InstructionObserver = std::function<bool(uint32_t address)>;

    // Runs from the current PC until `end` in one uc_emu_start, calling `observer` before each
    // instruction. (Stepping with count = 1 instead is slower, treats an IT block as one unit and
    // loses the IT state when it does stop inside a block.) Empty string = reached `end` or
    // stopped by the observer; otherwise Unicorn's error.
    std::string run(uint32_t end, InstructionObserver observer);

    // In a hook QEMU has not written the IT/ICI bits back to xPSR (they live in the translator),
    // so comparisons mask them: IT behaviour is checked through its effects instead.
    static constexpr uint32_t xpsr_it_bits = 0x0600FC00;

    MachineState state() const;
    // Resynchronise after a documented oracle error: r0-r14, xPSR and PRIMASK/BASEPRI/FAULTMASK
    // (PC is where Unicorn is; CONTROL is never written by a stream).
    void set_state(const MachineState& state);
    std::vector<uint8_t>& ram() { return ram_; }

private:
    MemoryLayout layout_;
    static void on_code(uc_struct* engine, uint64_t address, uint32_t size, void* self);

    uc_struct* engine_ = nullptr;
    InstructionObserver observer_;
    std::vector<uint8_t> flash_;
    std::vector<uint8_t> ram_;
};

}  // namespace hiltest::testing::differential
