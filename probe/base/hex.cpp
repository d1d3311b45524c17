#include "probe/base/hex.hpp"

#include <fmt/format.h>

namespace hiltest {

std::string hex(std::uint64_t value, int digits)
{
    return fmt::format("0x{:0{}X}", value, digits);
}

}  // namespace hiltest
