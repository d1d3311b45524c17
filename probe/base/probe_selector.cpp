#include "probe/base/probe_selector.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "probe/base/error.hpp"

namespace hiltest::probe {
namespace {

constexpr std::size_t kMaxHubLevels = 7;  // the USB tier limit; libusb's port chains are no longer

// A piece of the user's text for a problem, short enough that a pasted blob stays readable.
std::string shown(std::string_view piece)
{
    constexpr std::size_t kMax = 8;
    return "'" + std::string(piece.substr(0, kMax)) + (piece.size() > kMax ? "…'" : "'");
}

// USB bus and port numbers are bytes; leading zeros are allowed (lsusb prints "001").
std::optional<uint8_t> small_number(std::string_view text)
{
    unsigned value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value > 255) return std::nullopt;
    return static_cast<uint8_t>(value);
}

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
           });
}

std::optional<ProbeSelector> parse_usb_path(std::string_view path, std::string& problem)
{
    const auto dash = path.find('-');
    if (dash == std::string_view::npos) {
        problem = "expected BUS-PORT, e.g. usb:1-4.2";
        return std::nullopt;
    }
    const auto bus = small_number(path.substr(0, dash));
    if (!bus) {
        problem = "bus " + shown(path.substr(0, dash)) + " is not a number 0-255";
        return std::nullopt;
    }
    std::vector<uint8_t> ports;
    std::string_view rest = path.substr(dash + 1);
    while (true) {
        const auto dot = rest.find('.');
        const std::string_view piece = rest.substr(0, dot);
        const auto port = small_number(piece);
        if (!port) {
            problem = "port " + shown(piece) + " is not a number 0-255";
            return std::nullopt;
        }
        ports.push_back(*port);
        if (ports.size() > kMaxHubLevels) {
            problem = "USB allows at most 7 hub levels";
            return std::nullopt;
        }
        if (dot == std::string_view::npos) break;
        rest = rest.substr(dot + 1);
    }
    return ProbeSelector::usb_path(*bus, std::move(ports));
}

}  // namespace

bool ProbeSelector::is_writable_serial(std::string_view serial)
{
    return !serial.empty() &&
           std::all_of(serial.begin(), serial.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

std::optional<ProbeSelector> ProbeSelector::parse(std::string_view text, std::string& problem)
{
    if (text == "sim") return simulated();
    if (text == "stlink") return any_stlink();
    if (text.starts_with("stlink:")) {
        const std::string_view serial = text.substr(7);
        if (serial.empty()) {
            problem = "the serial after 'stlink:' is empty";
            return std::nullopt;
        }
        if (!is_writable_serial(serial)) {
            problem = "a serial has only letters and digits";
            return std::nullopt;
        }
        return stlink_serial(std::string(serial));
    }
    if (text.starts_with("usb:")) return parse_usb_path(text.substr(4), problem);
    problem = text.empty() ? "it is empty" : "unknown form";
    return std::nullopt;
}

ProbeSelector ProbeSelector::parse(std::string_view text)
{
    std::string problem;
    if (auto selector = parse(text, problem)) return *selector;
    throw Error(ErrorKind::Usage, "cannot use probe selector '" + std::string(text) + "': " + problem,
                "use one of: " + std::string(kForms) + " (`hiltest probe list` shows serials and USB locations)");
}

std::string ProbeSelector::to_string() const
{
    switch (kind_) {
    case Kind::Simulated: return "sim";
    case Kind::AnyStlink: return "stlink";
    case Kind::StlinkSerial: return "stlink:" + serial_;
    case Kind::UsbPath: return "usb:" + usb_location(bus_, ports_);
    }
    return "sim";
}

bool ProbeSelector::matches(std::string_view serial, uint8_t bus, const std::vector<uint8_t>& ports) const
{
    switch (kind_) {
    case Kind::Simulated: return false;
    case Kind::AnyStlink: return true;
    case Kind::StlinkSerial: return iequals(serial_, serial);
    case Kind::UsbPath: return bus_ == bus && ports_ == ports;
    }
    return false;
}

std::string usb_location(uint8_t bus, const std::vector<uint8_t>& ports)
{
    std::string out = std::to_string(bus) + "-";
    for (std::size_t i = 0; i < ports.size(); ++i) {
        if (i != 0) out += '.';
        out += std::to_string(ports[i]);
    }
    return out;
}

}  // namespace hiltest::probe
