#pragma once
// Parsing of expect_exit (docs/suite-format.md, expect_exit): the step's keys, and the same keys
// as the suite's or a test's "expect_exit", the step a test inherits.
#include "runner/suite/json_reader.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::suite {

// `object` holds the step's keys (already checked against the allowed ones).
ExpectExitStep parse_expect_exit(const ObjectNode& object);

// The keys a suite-level or test-level "expect_exit" takes, "timeout_ms" among them.
const std::vector<std::string_view>& expect_exit_default_keys();

// A suite's or test's "expect_exit" object as the step it appends to a test: located at the
// object, with its "timeout_ms" or the suite's step timeout.
Step parse_expect_exit_default(const Node& node, const Defaults& defaults);

}  // namespace hiltest::suite
