#pragma once
// Cortex-M run control over any TargetAccess: halt, resume, step, reset-and-halt (vector
// catch + SYSRESETREQ, or NRST), FPB breakpoints and run-to-address, core registers, and
// debug-in-low-power (DBGMCU_CR) so firmware that sleeps stays reachable. Waiting is done
// by polling DHCSR with pauses through the Clock, so on the virtual bench it is simulated.
#include <cstdint>
#include <optional>
#include <vector>

#include "probe/arm/cortex_m_registers.hpp"
#include "probe/arm/target_access.hpp"
#include "probe/base/clock.hpp"

namespace hiltest::probe::arm {

struct CoreStatus {
    uint32_t dhcsr = 0;
    bool halted() const { return dhcsr & dhcsr::kHalted; }
    bool sleeping() const { return dhcsr & dhcsr::kSleeping; }
    bool locked_up() const { return dhcsr & dhcsr::kLockup; }
    bool reset_seen() const { return dhcsr & dhcsr::kResetSeen; }  // since the last read
};

enum class ResetMethod { SysResetReq, Nrst };

struct CortexMOptions {
    Duration halt_timeout = std::chrono::milliseconds(200);
    Duration poll_interval = std::chrono::milliseconds(1);
    Duration nrst_pulse = std::chrono::milliseconds(2);
};

class CortexM {
public:
    CortexM(TargetAccess& target, Clock& clock, CortexMOptions options = {});

    CoreStatus status();
    void enable_debug(bool keep_halted = false);  // C_DEBUGEN (and C_HALT with keep_halted)
    void halt();                 // throws Timeout if the core does not halt
    void resume();
    void step();                 // one instruction, interrupts masked, as OpenOCD does
    // Halts at the reset vector before the first instruction. With Nrst, throws
    // TargetNotResponding when the reset line evidently is not connected.
    void reset_and_halt(ResetMethod method);
    void reset_and_run(ResetMethod method);
    // Polls until halted or `timeout` elapses. Returns whether the core halted.
    bool wait_for_halt(Duration timeout);
    uint32_t debug_fault_status();  // DFSR
    void clear_debug_fault_status();

    uint32_t read_register(CoreRegister reg);
    void write_register(CoreRegister reg, uint32_t value);

    // FPB: code breakpoints below 0x20000000.
    unsigned breakpoint_slots();
    void set_breakpoint(uint32_t address);
    void clear_breakpoint(uint32_t address);
    void clear_all_breakpoints();
    // Sets a temporary breakpoint, resumes, waits for the halt, removes it. Returns whether
    // the core stopped at `address` within `timeout` (it stays halted where it stopped).
    bool run_to(uint32_t address, Duration timeout);

    // DBGMCU_CR |= DBG_SLEEP|DBG_STOP|DBG_STANDBY, remembering the old value.
    void enable_low_power_debug();
    void restore_low_power_debug();
    // DBGMCU_CR as it was before enable_low_power_debug(), if that was called.
    std::optional<uint32_t> dbgmcu_cr_before() const { return saved_dbgmcu_cr_; }

    TargetAccess& target() { return target_; }
    Clock& clock() { return clock_; }

private:
    void write_dhcsr(uint32_t control);
    void reset(ResetMethod method, bool halt_after);

    TargetAccess& target_;
    Clock& clock_;
    CortexMOptions options_;
    std::optional<uint32_t> saved_dbgmcu_cr_;
    std::vector<std::optional<uint32_t>> comparators_;  // address per FPB code comparator
};

}  // namespace hiltest::probe::arm
