#pragma once
// Small formatting helpers the writers share.
#include <string>

#include "reports/result.hpp"

namespace hiltest::reports {

// "1.234" (seconds, three decimals: JUnit time attributes, console).
std::string seconds_text(Duration duration);
// Milliseconds as a JSON number with microsecond resolution.
double milliseconds(Duration duration);
Duration from_milliseconds(double ms);

// How a step is named in every report: its description, after the user's label when the step
// has one: `step "LED blinks": expect_blink PC13 1 Hz ±10% over 4000 ms`. Not sanitised.
std::string step_title(const StepResult& step);

// "expected 1 Hz ±10%, measured 0.50 Hz" / the message / both, for one step; printable, one line.
std::string step_failure_line(const StepResult& step);

// The first step that did not pass (failed, error or interrupted), or nullptr.
const StepResult* first_problem(const TestResult& test);

}  // namespace hiltest::reports
