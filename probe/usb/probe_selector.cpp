#include "probe/usb/probe_selector.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "probe/base/error.hpp"

namespace hiltest::probe {
namespace {

[[noreturn]] void bad_selector(std::string_view text, std::string_view why)
{
    throw Error(ErrorKind::Usage,
                "cannot use probe selector '" + std::string(text) + "': " + std::string(why),
                "use one of: stlink, stlink:SERIAL, usb:BUS-PORT[.PORT...], sim "
                "(`hiltest probe list` shows serials and USB locations)");
}

uint8_t parse_small_number(std::string_view text, std::string_view all, std::string_view what)
{
    unsigned value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value > 255) {
        bad_selector(all, std::string(what) + " '" + std::string(text) + "' is not a number 0-255");
    }
    return static_cast<uint8_t>(value);
}

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) ==
                      std::toupper(static_cast<unsigned char>(y));
           });
}

}  // namespace

ProbeSelector parse_probe_selector(std::string_view text)
{
    ProbeSelector selector;
    if (text == "stlink" || text.empty()) return selector;
    if (text == "sim") {
        selector.kind = ProbeSelector::Kind::Sim;
        return selector;
    }
    if (text.starts_with("stlink:")) {
        selector.kind = ProbeSelector::Kind::Serial;
        selector.serial = std::string(text.substr(7));
        if (selector.serial.empty()) bad_selector(text, "the serial after 'stlink:' is empty");
        for (char c : selector.serial) {
            if (!std::isalnum(static_cast<unsigned char>(c))) {
                bad_selector(text, "a serial has only letters and digits");
            }
        }
        return selector;
    }
    if (text.starts_with("usb:")) {
        selector.kind = ProbeSelector::Kind::UsbPath;
        const std::string_view path = text.substr(4);
        const auto dash = path.find('-');
        if (dash == std::string_view::npos) bad_selector(text, "expected BUS-PORT, e.g. usb:1-4.2");
        selector.bus = parse_small_number(path.substr(0, dash), text, "bus");
        std::string_view rest = path.substr(dash + 1);
        while (true) {
            const auto dot = rest.find('.');
            selector.ports.push_back(parse_small_number(rest.substr(0, dot), text, "port"));
            if (dot == std::string_view::npos) break;
            rest = rest.substr(dot + 1);
        }
        if (selector.ports.size() > 7) bad_selector(text, "USB allows at most 7 hub levels");
        return selector;
    }
    bad_selector(text, "unknown form");
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

std::string to_string(const ProbeSelector& selector)
{
    switch (selector.kind) {
    case ProbeSelector::Kind::AnyStlink: return "stlink";
    case ProbeSelector::Kind::Serial: return "stlink:" + selector.serial;
    case ProbeSelector::Kind::UsbPath: return "usb:" + usb_location(selector.bus, selector.ports);
    case ProbeSelector::Kind::Sim: return "sim";
    }
    return "stlink";
}

bool selector_matches(const ProbeSelector& selector, std::string_view serial, uint8_t bus,
                      const std::vector<uint8_t>& ports)
{
    switch (selector.kind) {
    case ProbeSelector::Kind::AnyStlink: return true;
    case ProbeSelector::Kind::Serial: return iequals(selector.serial, serial);
    case ProbeSelector::Kind::UsbPath: return selector.bus == bus && selector.ports == ports;
    case ProbeSelector::Kind::Sim: return false;
    }
    return false;
}

}  // namespace hiltest::probe
