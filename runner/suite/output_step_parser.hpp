#pragma once
// Parsing of the steps that read the target's output channels (docs/suite-format.md):
// expect_output, run_tests and rtt_send, and the "source" / "channel" pair both take.
#include <string_view>
#include <vector>

#include "runner/suite/json_reader.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::suite {

// The channels a "source" names: "semihosting", "uart1", "uart2", "uart3", "rtt".
const std::vector<std::string_view>& output_source_names();
// The RTT up-channels a suite may read: 0..kMaxRttChannel.
inline constexpr unsigned kMaxRttChannel = 15;

// `object` holds the step's keys (already checked against the allowed ones).
ExpectOutputStep parse_expect_output(const ObjectNode& object);
RunTestsStep parse_run_tests(const ObjectNode& object);
RttSendStep parse_rtt_send(const ObjectNode& object);

}  // namespace hiltest::suite
