#include "runner/cli/options/number_option.hpp"

#include <charconv>

#include "probe/base/error.hpp"

namespace hiltest::cli {

std::optional<uint32_t> parse_u32(std::string_view text)
{
    int base = 10;
    if (text.starts_with("0x") || text.starts_with("0X")) {
        text.remove_prefix(2);
        base = 16;
    }
    uint32_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

uint32_t parse_u32(const std::string& text, const std::string& what)
{
    if (const auto value = parse_u32(std::string_view(text))) return *value;
    throw Error(ErrorKind::Usage, what + " '" + text + "' is not a 32-bit number",
                "write numbers in decimal or as 0x… hex");
}

}  // namespace hiltest::cli
