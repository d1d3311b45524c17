#include "probe/base/hex.hpp"

#include <iterator>

#include <fmt/format.h>

namespace hiltest {

std::string hex(std::uint64_t value, int digits)
{
    return fmt::format("0x{:0{}X}", value, digits);
}

std::string hex_digits(std::span<const std::uint8_t> bytes)
{
    std::string text;
    text.reserve(bytes.size() * 2);
    for (std::uint8_t byte : bytes) fmt::format_to(std::back_inserter(text), "{:02x}", byte);
    return text;
}

}  // namespace hiltest
