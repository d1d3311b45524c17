#pragma once
// Ways of feeding a transcript to a parser: whole, a byte at a time, in random chunks (seeded,
// so a failure can be replayed), and with its line endings turned into "\r\n".
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "runner/ontarget/output_parser.hpp"

namespace hiltest::ontarget::testing {

// ended: whether end_of_output() is called after the last chunk.
TestRun parse_whole(OutputFormat format, std::string_view text, bool ended = true);
TestRun parse_bytewise(OutputFormat format, std::string_view text, bool ended = true);
TestRun parse_random_chunks(OutputFormat format, std::string_view text, std::uint32_t seed, bool ended = true);
std::string with_crlf(std::string_view text);

}  // namespace hiltest::ontarget::testing

namespace hiltest::ontarget {
// GoogleTest prints a TestRun that differs as its cases, not as bytes.
void PrintTo(const TestRun& run, std::ostream* out);
void PrintTo(const CaseResult& result, std::ostream* out);
}  // namespace hiltest::ontarget
