#pragma once
// The one seam between the ST-Link protocol and whatever carries its bytes: libusb to a real
// dongle, or the in-process virtual ST-Link. Nothing above this interface knows which.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace hiltest::probe::usb {

struct ProbeIdentity {
    uint16_t vid = 0;
    uint16_t pid = 0;
    std::string serial;
    std::string location;  // "bus-port.port" for USB, "sim" for the virtual link
};

// Errors are thrown as hiltest::Error with kinds UsbIo, UsbTimeout, UsbGone, Permission.
class Transport {
public:
    virtual ~Transport() = default;

    // Bulk OUT on the command/data endpoint. Writes all of `data` or throws.
    virtual void write(std::span<const uint8_t> data, std::chrono::milliseconds timeout) = 0;

    // Bulk IN on the reply endpoint. Returns the number of bytes received (may be < size).
    virtual std::size_t read(std::span<uint8_t> buffer, std::chrono::milliseconds timeout) = 0;

    // USB-level recovery: clear halts and reset the device (re-open if it re-enumerates).
    virtual void reset() = 0;

    virtual const ProbeIdentity& identity() const = 0;
};

}  // namespace hiltest::probe::usb
