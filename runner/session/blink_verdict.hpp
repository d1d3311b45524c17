#pragma once
// Whether a blink measurement satisfies an expect_blink step, in the report's terms. Decided in
// this order (docs/suite-format.md, expect_blink):
//   1. samples too far apart to resolve the shortest level an acceptable blink has (the USB link
//      stalled, or the blink is beyond this probe's rate): NotMeasurable — never a pass;
//   2. the pin changes faster than the samples follow (a level seen by one sample only, or a
//      frequency above max_measurable_hz): Failed, saying so;
//   3. max_frequency_hz: the shortest whole period against the limit; frequency_hz: edges that
//      do not fit one steady blink fail, then frequency and duty against their tolerances.
// After 1., every acceptable blink would have been seen whole: whatever else the samples show is
// a verdict on the firmware.
#include <string>

#include "runner/session/blink_analysis.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::session {

struct BlinkVerdict {
    enum class Outcome { Passed, Failed, NotMeasurable };
    Outcome outcome = Outcome::Passed;
    std::string expected;  // "1 Hz ±5%", "1 Hz ±5%, duty 50% ±2", "at most 5 Hz, or steady"
    std::string measured;  // "1.000 Hz, duty 50.00%", "no change", ...
    std::string message;   // why it failed or could not be measured
    std::string remedy;    // for NotMeasurable
};

BlinkVerdict judge_blink(const suite::ExpectBlinkStep& step, const BlinkMeasurement& m);

// The shortest level (high or low) a blink the step accepts can have, in seconds: what the
// samples must resolve.
double shortest_acceptable_level_s(const suite::ExpectBlinkStep& step);

}  // namespace hiltest::session
