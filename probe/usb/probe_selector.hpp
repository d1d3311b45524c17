#pragma once
// Which probe the user means: `stlink` (the only one attached), `stlink:SERIAL`, a USB
// position `usb:BUS-PORT.PORT` (stable across re-plugs into the same socket), or `sim`
// (the in-process virtual bench). Parsing is separate from opening so it can be tested alone.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hiltest::probe {

struct ProbeSelector {
    enum class Kind { AnyStlink, Serial, UsbPath, Sim };
    Kind kind = Kind::AnyStlink;
    std::string serial;           // Kind::Serial, compared case-insensitively
    uint8_t bus = 0;              // Kind::UsbPath
    std::vector<uint8_t> ports;   // Kind::UsbPath, hub port chain from the root
};

// Throws hiltest::Error(ErrorKind::Usage) naming the accepted forms.
ProbeSelector parse_probe_selector(std::string_view text);

std::string to_string(const ProbeSelector& selector);

// "BUS-PORT.PORT…", the form `hiltest probe list` prints and `usb:` accepts.
std::string usb_location(uint8_t bus, const std::vector<uint8_t>& ports);

// True when a probe with this serial and location is what the selector asks for.
bool selector_matches(const ProbeSelector& selector, std::string_view serial, uint8_t bus,
                      const std::vector<uint8_t>& ports);

}  // namespace hiltest::probe
