#pragma once
// The Transport to a real ST-Link through libusb-1.0: discovery of every ST-Link variant,
// open by selector, per-variant endpoints, a timeout on every transfer, and recovery
// (clear halt, USB reset, re-open after re-enumeration). Each object owns its own libusb
// context: several probes can be driven from one process without shared state.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "probe/base/clock.hpp"
#include "probe/base/error.hpp"
#include "probe/base/probe_selector.hpp"
#include "probe/usb/stlink_models.hpp"
#include "probe/usb/transport.hpp"

struct libusb_context;
struct libusb_device_handle;

namespace hiltest::probe::usb {

// A libusb context, released on destruction.
class UsbContext {
public:
    UsbContext();
    ~UsbContext();
    UsbContext(const UsbContext&) = delete;
    UsbContext& operator=(const UsbContext&) = delete;
    libusb_context* get() const { return context_; }

private:
    libusb_context* context_ = nullptr;
};

struct UsbProbeInfo {
    StlinkModel model;
    std::string serial;  // empty when the device could not be opened
    uint8_t bus = 0;
    std::vector<uint8_t> ports;
    std::string location;             // "BUS-PORT.PORT"
    std::optional<Error> open_error;  // why the serial could not be read (e.g. permission)
};

// Every ST-Link on the system, whether or not hiltest may open it.
std::vector<UsbProbeInfo> list_stlink_probes(UsbContext& context);

struct LibusbOptions {
    std::chrono::milliseconds reenumeration_timeout{5000};
    std::chrono::milliseconds reenumeration_poll{100};
};

class LibusbTransport final : public Transport {
public:
    // Throws ProbeNotFound, Permission (with the udev remedy), Usage (ambiguous), UsbIo.
    LibusbTransport(const ProbeSelector& selector, Clock& clock, LibusbOptions options = {});
    ~LibusbTransport() override;
    LibusbTransport(const LibusbTransport&) = delete;
    LibusbTransport& operator=(const LibusbTransport&) = delete;

    void write(std::span<const uint8_t> data, std::chrono::milliseconds timeout) override;
    std::size_t read(std::span<uint8_t> buffer, std::chrono::milliseconds timeout) override;
    void reset() override;
    const ProbeIdentity& identity() const override { return identity_; }
    const StlinkModel& model() const { return model_; }

private:
    void open_matching(const ProbeSelector& selector);
    void close();

    UsbContext context_;
    Clock& clock_;
    LibusbOptions options_;
    libusb_device_handle* handle_ = nullptr;
    StlinkModel model_{};
    ProbeIdentity identity_;
};

}  // namespace hiltest::probe::usb
