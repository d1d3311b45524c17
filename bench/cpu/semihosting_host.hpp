#pragma once
// Runs a firmware on the simulated core with a "debugger" attached (DHCSR.C_DEBUGEN), serving
// semihosting calls the way OpenOCD does: SYS_WRITEC/SYS_WRITE0 print, SYS_EXIT ends the run.
#include <cstdint>
#include <string>

#include "fixtures/bluepill/cpu/cortex_m3.hpp"

namespace hiltest::bench {

struct SemihostedRun {
    bool exited = false;         // SYS_EXIT seen
    uint32_t exit_reason = 0;    // 0x20026 ADP_Stopped_ApplicationExit = success
    std::string output;          // what the firmware printed
    std::string stopped_because; // when !exited: why the run ended
};

// Runs until SYS_EXIT, an unexpected halt or lockup, or cycle_budget simulated cycles.
SemihostedRun run_semihosted(sim::CortexM3& core, uint64_t cycle_budget);

inline constexpr uint32_t adp_stopped_application_exit = 0x20026;

}  // namespace hiltest::bench
