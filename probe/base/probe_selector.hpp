#pragma once
// Which probe the user means, as `--probe`, a suite's "probe" and a bench file's "probe" write
// it: `sim` (the simulated Blue Pill behind the virtual ST-Link), `stlink` (the only ST-Link
// attached), `stlink:SERIAL` (that one) or `usb:BUS-PORT[.PORT…]` (the one in that USB socket,
// for clones that share a serial). One type for every front end, so a selector means the same
// wherever it is written; it lives at the base of the probe stack because the USB layer matches
// it against the dongles it finds and the runner reads it from input files.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hiltest::probe {

class ProbeSelector {
public:
    enum class Kind { Simulated, AnyStlink, StlinkSerial, UsbPath };

    // The forms, as help texts and messages list them.
    static constexpr std::string_view kForms = "sim, stlink, stlink:SERIAL, usb:BUS-PORT[.PORT...]";

    // The simulated board: what a suite or board has before its "probe" is read. A default that
    // can never reach real hardware by accident.
    ProbeSelector() = default;

    static ProbeSelector simulated() { return {}; }
    static ProbeSelector any_stlink() { return ProbeSelector(Kind::AnyStlink, {}, 0, {}); }
    // Any serial a dongle reports, also one parse() would not accept (clones report '?'), so a
    // dongle that re-enumerates can be found again by what it said.
    static ProbeSelector stlink_serial(std::string serial) { return ProbeSelector(Kind::StlinkSerial, std::move(serial), 0, {}); }
    static ProbeSelector usb_path(uint8_t bus, std::vector<uint8_t> ports) { return ProbeSelector(Kind::UsbPath, {}, bus, std::move(ports)); }

    // The selector `text` writes, or nullopt with `problem` saying why it writes none, in words
    // that do not repeat the text ("the serial after 'stlink:' is empty"): each front end
    // reports it in its own terms (a usage error, a suite file position).
    static std::optional<ProbeSelector> parse(std::string_view text, std::string& problem);
    // As above; throws hiltest::Error(Usage) naming the text and the accepted forms.
    static ProbeSelector parse(std::string_view text);

    // What stlink:SERIAL accepts: letters and digits (a serial with anything else cannot be
    // written as a selector; such a dongle is selected by its USB port).
    static bool is_writable_serial(std::string_view serial);

    Kind kind() const { return kind_; }
    bool is_simulated() const { return kind_ == Kind::Simulated; }
    const std::string& serial() const { return serial_; }       // Kind::StlinkSerial
    uint8_t bus() const { return bus_; }                         // Kind::UsbPath
    const std::vector<uint8_t>& ports() const { return ports_; }  // Kind::UsbPath, hub ports from the root

    // The text parse() reads back: "sim", "stlink", "stlink:SERIAL", "usb:1-4.2".
    std::string to_string() const;

    // True when a dongle with this serial and USB position is the one meant (serials compare
    // case-insensitively). Never true for the simulated board.
    bool matches(std::string_view serial, uint8_t bus, const std::vector<uint8_t>& ports) const;

    friend bool operator==(const ProbeSelector&, const ProbeSelector&) = default;

private:
    ProbeSelector(Kind kind, std::string serial, uint8_t bus, std::vector<uint8_t> ports)
        : kind_(kind), serial_(std::move(serial)), bus_(bus), ports_(std::move(ports))
    {
    }

    Kind kind_ = Kind::Simulated;
    std::string serial_;
    uint8_t bus_ = 0;
    std::vector<uint8_t> ports_;
};

// "BUS-PORT.PORT…", the USB position `hiltest probe list` prints and `usb:` accepts.
std::string usb_location(uint8_t bus, const std::vector<uint8_t>& ports);

}  // namespace hiltest::probe
