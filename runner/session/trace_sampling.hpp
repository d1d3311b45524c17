#pragma once
// expect_blink with "sampler": "logic_analyser": the simulated board's recorded pin changes read
// as a logic analyser samples them — every microsecond across the window — into the same
// analysis as the probe's samples (blink_analysis.hpp), so one verdict serves both. Like a real
// logic analyser it sees the pin as it is: a firmware that stops while the core is halted (a
// semihosting call being serviced stops the core and its SysTick) shows the pause.
#include <vector>

#include "runner/session/blink_analysis.hpp"
#include "runner/session/pin_observer.hpp"

namespace hiltest::session {

inline constexpr Nanoseconds kLogicAnalyserPeriod{1000};  // 1 MS/s

// One sample every `period` from `start` to `start + window`. `changes` are the pin's changes in
// the window, in time order; `level_at_start` its level at `start`.
BlinkMeasurement sample_trace(bool level_at_start, const std::vector<PinLevelChange>& changes, TimePoint start,
                              Nanoseconds window, Nanoseconds period = kLogicAnalyserPeriod);

}  // namespace hiltest::session
