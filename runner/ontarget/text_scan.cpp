#include "runner/ontarget/text_scan.hpp"

#include <charconv>

namespace hiltest::ontarget::text {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string_view trim_left(std::string_view text)
{
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    return text;
}

std::string_view trim(std::string_view text)
{
    text = trim_left(text);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::optional<std::uint64_t> parse_count(std::string_view digits)
{
    if (digits.empty()) return std::nullopt;
    for (const char c : digits) {
        if (!is_digit(c)) return std::nullopt;
    }
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
    return value;
}

std::optional<std::uint32_t> parse_line_number(std::string_view digits)
{
    const auto value = parse_count(digits);
    if (!value || *value > UINT32_MAX) return std::nullopt;
    return static_cast<std::uint32_t>(*value);
}

std::optional<double> take_ms_suffix(std::string_view& text)
{
    std::string_view rest = trim(text);
    constexpr std::string_view unit = " ms)";
    if (!rest.ends_with(unit)) return std::nullopt;
    rest.remove_suffix(unit.size());
    const std::size_t open = rest.rfind('(');
    if (open == std::string_view::npos) return std::nullopt;
    const auto ms = parse_count(rest.substr(open + 1));
    if (!ms) return std::nullopt;
    text = trim(rest.substr(0, open));
    return static_cast<double>(*ms);
}

std::optional<FileLine> take_file_line(std::string_view text)
{
    for (std::size_t colon = text.find(':'); colon != std::string_view::npos; colon = text.find(':', colon + 1)) {
        if (colon == 0) continue;
        std::size_t end = colon + 1;
        while (end < text.size() && is_digit(text[end])) ++end;
        if (end == colon + 1 || end >= text.size() || text[end] != ':') continue;
        const auto line = parse_line_number(text.substr(colon + 1, end - colon - 1));
        if (!line) continue;
        return FileLine{text.substr(0, colon), *line, text.substr(end + 1)};
    }
    return std::nullopt;
}

void append_message_line(std::string& message, std::string_view line)
{
    if (message.size() >= max_message_length) return;
    message.append(line.substr(0, max_message_length - message.size()));
    message.push_back('\n');
}

}  // namespace hiltest::ontarget::text
