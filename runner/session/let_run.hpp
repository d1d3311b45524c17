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

}  // namespace hiltest::session
