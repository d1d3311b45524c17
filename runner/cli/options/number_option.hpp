#pragma once
// 32-bit numbers as the user writes them on the command line: decimal or 0x… hex.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hiltest::cli {

// The value, or nullopt for text that is no 32-bit number.
std::optional<uint32_t> parse_u32(std::string_view text);

// As above; throws hiltest::Error (Usage) naming `what` (an operand such as ADDR, or the option) for
// anything else.
uint32_t parse_u32(const std::string& text, const std::string& what);

}  // namespace hiltest::cli
