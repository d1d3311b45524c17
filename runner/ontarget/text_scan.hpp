#pragma once
// Small, allocation-free pieces of line scanning that the parsers share.
#include <cstdint>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hiltest::ontarget::text {

std::string_view trim(std::string_view text);
std::string_view trim_left(std::string_view text);
// A whole decimal number (digits only); nullopt when empty, not all digits, or too large.
std::optional<std::uint64_t> parse_count(std::string_view digits);
std::optional<std::uint32_t> parse_line_number(std::string_view digits);
// "text (12 ms)" → {12, "text"}: the duration suffix Unity, GoogleTest and CppUTest print.
// Without such a suffix: nullopt, text unchanged.
std::optional<double> take_ms_suffix(std::string_view& text);

// "path/to/file.c:42:" at the start of text, the path not containing `:` followed by digits
// and ':' (so "C:\x\y.c:42:" reads as the path "C:\x\y.c").
struct FileLine {
    std::string_view file;
    std::uint32_t line = 0;
    std::string_view rest;  // what follows the second ':'
};
std::optional<FileLine> take_file_line(std::string_view text);

// Appends line and a '\n' to a multi-line failure message, up to max_message_length: a test
// that prints megabytes after its failure cannot grow the result without bound.
inline constexpr std::size_t max_message_length = 64 * 1024;
void append_message_line(std::string& message, std::string_view line);

}  // namespace hiltest::ontarget::text
