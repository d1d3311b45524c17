#pragma once
// Lets the target run for a while as an attached debugger does: the steps that observe the
// firmware over time (wait, expect_memory "changes", expect_output, expect_blink) share it.
#include <atomic>
#include <chrono>

#include "probe/arm/cortex_m.hpp"
#include "probe/arm/semihosting.hpp"
#include "runner/session/output_capture.hpp"

namespace hiltest::session {

// Runs the core for `duration`, servicing semihosting calls as an attached debugger does. A core
// that is halted (and not in a semihosting call) stays halted while the time passes. Time passes
// in slices, so that an interruption (Ctrl-C) ends even a long wait promptly: then it throws
// hiltest::Error(Interrupted). `outputs`, if given, is polled after each slice, and the slices
// are no longer than its sources need (RTT buffers fill in milliseconds).
void let_run(probe::arm::CortexM& core, probe::arm::SemihostingService& semihosting,
             std::chrono::milliseconds duration, const std::atomic<bool>* interrupted, OutputCapture* outputs = nullptr);

// Whether the firmware has stopped for good: it exited through semihosting, or the core is
// halted other than at a semihosting call (a breakpoint, a debugger's halt). A call the core
// reached after let_run returned (each probe transaction lets simulated time pass) is serviced
// here and the core resumed: that core has not stopped.
bool target_stopped(probe::arm::CortexM& core, probe::arm::SemihostingService& semihosting);

}  // namespace hiltest::session
