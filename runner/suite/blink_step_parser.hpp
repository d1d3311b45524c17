#pragma once
// Parsing of an expect_blink step's keys (docs/suite-format.md, expect_blink). Its own file:
// the checks that keep the two forms and their windows consistent are the bulk of it.
#include "runner/suite/json_reader.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::suite {

// The fastest blink a suite may expect. The probe reads the pin about once a millisecond and a
// level needs two samples: anything near this is already beyond an ST-Link/V2.
inline constexpr double kMaxBlinkHz = 250.0;
// With "sampler": "logic_analyser" (the simulated board's, 1 MS/s): a level of 5 samples or more.
inline constexpr double kMaxLogicAnalyserBlinkHz = 100'000.0;

// `object` holds the step's keys (already checked against the allowed ones). Sets
// inherent_duration to the window the step observes.
ExpectBlinkStep parse_expect_blink(const ObjectNode& object, const Defaults& defaults,
                                   Milliseconds& inherent_duration);

}  // namespace hiltest::suite
