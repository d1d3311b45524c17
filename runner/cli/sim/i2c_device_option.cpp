#include "runner/cli/sim/i2c_device_option.hpp"

#include <charconv>
#include <optional>
#include <string>

#include "probe/base/error.hpp"

namespace hiltest::cli {
namespace {

// "0x50" or "80": a 7-bit address.
std::optional<uint8_t> parse_address(std::string_view text)
{
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty() || value > 0x7F) return std::nullopt;
    return uint8_t(value);
}

}  // namespace

sim::I2cDeviceSpec parse_i2c_device_option(std::string_view spec)
{
    const std::size_t first = spec.find(':');
    const std::size_t second = first == std::string_view::npos ? first : spec.find(':', first + 1);
    const std::string_view bus = spec.substr(0, first);
    const auto address = second == std::string_view::npos ? std::nullopt
                                                           : parse_address(spec.substr(first + 1, second - first - 1));
    const auto kind = second == std::string_view::npos ? std::nullopt : sim::parse_i2c_device_kind(spec.substr(second + 1));
    if (!(bus == "i2c1" || bus == "i2c2") || !address || !kind)
        throw Error(ErrorKind::Usage, "--i2c-device: '" + std::string(spec) + "' is not BUS:ADDRESS:DEVICE",
                    "name a bus (i2c1, i2c2), a 7-bit address and a device (" +
                        std::string(sim::i2c_device_kind_names()) + "), e.g. --i2c-device i2c1:0x50:24c02");
    return sim::I2cDeviceSpec{unsigned(bus.back() - '0'), *address, *kind};
}

}  // namespace hiltest::cli
