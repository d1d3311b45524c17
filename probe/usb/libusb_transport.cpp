#include "probe/usb/libusb_transport.hpp"

#include <libusb.h>

#include <array>

#include "probe/usb/usb_errors.hpp"

namespace hiltest::probe::usb {
namespace {

constexpr int kInterface = 0;

struct DeviceList {
    libusb_device** devices = nullptr;
    ssize_t count = 0;
    explicit DeviceList(libusb_context* context)
    {
        count = libusb_get_device_list(context, &devices);
        if (count < 0) throw usb_error(static_cast<int>(count), "listing USB devices");
    }
    ~DeviceList()
    {
        if (devices) libusb_free_device_list(devices, 1);
    }
    DeviceList(const DeviceList&) = delete;
    DeviceList& operator=(const DeviceList&) = delete;
};

struct HandleCloser {
    void operator()(libusb_device_handle* handle) const { libusb_close(handle); }
};
using UniqueHandle = std::unique_ptr<libusb_device_handle, HandleCloser>;

std::vector<uint8_t> port_chain(libusb_device* device)
{
    std::array<uint8_t, 8> ports{};
    const int n = libusb_get_port_numbers(device, ports.data(), static_cast<int>(ports.size()));
    if (n <= 0) return {};
    return {ports.begin(), ports.begin() + n};
}

std::string read_serial(libusb_device_handle* handle, uint8_t index)
{
    if (index == 0) return {};
    std::array<uint8_t, 255> descriptor{};
    // Raw descriptor, not the ASCII helper: the 12-raw-byte quirk needs the real bytes.
    const int n = libusb_get_string_descriptor(handle, index, 0x0409, descriptor.data(),
                                               static_cast<int>(descriptor.size()));
    if (n < 2) return {};
    return decode_serial_descriptor(std::span(descriptor.data(), static_cast<std::size_t>(n)));
}

struct Candidate {
    libusb_device* device;
    UsbProbeInfo info;
};

std::vector<Candidate> scan(libusb_context* context, const DeviceList& list)
{
    std::vector<Candidate> out;
    for (ssize_t i = 0; i < list.count; ++i) {
        libusb_device* device = list.devices[i];
        libusb_device_descriptor desc{};
        if (libusb_get_device_descriptor(device, &desc) != 0) continue;
        const auto model = find_stlink_model(desc.idVendor, desc.idProduct);
        if (!model) continue;
        UsbProbeInfo info{*model, {}, libusb_get_bus_number(device), port_chain(device), {}, {}};
        info.location = usb_location(info.bus, info.ports);
        libusb_device_handle* raw = nullptr;
        const int rc = libusb_open(device, &raw);
        if (rc == 0) {
            UniqueHandle handle(raw);
            info.serial = read_serial(handle.get(), desc.iSerialNumber);
        } else {
            info.open_error = usb_error(rc, "opening the ST-Link at USB " + info.location);
        }
        out.push_back({device, std::move(info)});
    }
    (void)context;
    return out;
}

}  // namespace

UsbContext::UsbContext()
{
    const int rc = libusb_init(&context_);
    if (rc != 0) throw usb_error(rc, "initialising libusb");
}

UsbContext::~UsbContext()
{
    if (context_) libusb_exit(context_);
}

std::vector<UsbProbeInfo> list_stlink_probes(UsbContext& context)
{
    DeviceList list(context.get());
    std::vector<UsbProbeInfo> out;
    for (auto& candidate : scan(context.get(), list)) out.push_back(std::move(candidate.info));
    return out;
}

LibusbTransport::LibusbTransport(const ProbeSelector& selector, Clock& clock, LibusbOptions options)
    : clock_(clock), options_(options)
{
    open_matching(selector);
}

LibusbTransport::~LibusbTransport() { close(); }

void LibusbTransport::close()
{
    if (!handle_) return;
    libusb_release_interface(handle_, kInterface);
    libusb_close(handle_);
    handle_ = nullptr;
}

void LibusbTransport::open_matching(const ProbeSelector& selector)
{
    if (selector.is_simulated()) {
        throw Error(ErrorKind::Internal, "the libusb transport cannot open the simulated probe");
    }
    DeviceList list(context_.get());
    auto candidates = scan(context_.get(), list);
    std::vector<Candidate*> matches;
    const Error* permission = nullptr;
    for (auto& candidate : candidates) {
        const auto& info = candidate.info;
        if (info.open_error && info.open_error->kind() == ErrorKind::Permission) {
            // A serial cannot be checked on a device we may not open: it may be the one.
            if (selector.kind() != ProbeSelector::Kind::UsbPath || selector.matches(info.serial, info.bus, info.ports)) {
                permission = &*info.open_error;
            }
            continue;
        }
        if (selector.matches(info.serial, info.bus, info.ports)) matches.push_back(&candidate);
    }
    if (matches.empty()) {
        if (permission) throw *permission;
        std::string seen;
        for (const auto& c : candidates) {
            seen += (seen.empty() ? "" : ", ") + std::string(c.info.model.name) + " " +
                    c.info.serial + " at usb:" + c.info.location;
        }
        throw Error(ErrorKind::ProbeNotFound,
                    "no ST-Link matches '" + selector.to_string() + "'" +
                        (seen.empty() ? std::string(" (no ST-Link on USB at all)")
                                      : " (found: " + seen + ")"),
                    "plug in the ST-Link (check `lsusb` for 0483:3748), or pick one listed by "
                    "`hiltest probe list`");
    }
    if (matches.size() > 1) {
        std::string seen;
        bool same_serial = false;
        for (const auto* c : matches) {
            same_serial = same_serial || (c != matches.front() && c->info.serial == matches.front()->info.serial);
            seen += (seen.empty() ? "" : ", ") + std::string("stlink:") + c->info.serial + " at usb:" + c->info.location;
        }
        throw Error(ErrorKind::Usage, "several ST-Links match '" + selector.to_string() + "': " + seen,
                    same_serial ? "they report the same serial (clones often do): choose one by its port, "
                                  "--probe usb:BUS-PORT (in a bench file \"probe\": \"usb:BUS-PORT\")"
                                : "choose one with --probe stlink:SERIAL or --probe usb:BUS-PORT");
    }
    Candidate& chosen = *matches.front();
    libusb_device_handle* raw = nullptr;
    int rc = libusb_open(chosen.device, &raw);
    if (rc != 0) throw usb_error(rc, "opening the ST-Link");
    UniqueHandle handle(raw);
    libusb_set_auto_detach_kernel_driver(handle.get(), 1);
    rc = libusb_claim_interface(handle.get(), kInterface);
    if (rc != 0) throw usb_error(rc, "claiming the ST-Link's debug interface");
    handle_ = handle.release();
    model_ = chosen.info.model;
    identity_ = ProbeIdentity{kStVendorId, model_.pid, chosen.info.serial, chosen.info.location};
}

void LibusbTransport::write(std::span<const uint8_t> data, std::chrono::milliseconds timeout)
{
    if (!handle_) throw Error(ErrorKind::UsbGone, "the ST-Link is not open");
    int transferred = 0;
    const int rc = libusb_bulk_transfer(handle_, model_.out_endpoint, const_cast<uint8_t*>(data.data()),
                                        static_cast<int>(data.size()), &transferred,
                                        static_cast<unsigned>(timeout.count()));
    if (rc != 0) throw usb_error(rc, "sending to the ST-Link");
    if (static_cast<std::size_t>(transferred) != data.size()) {
        throw Error(ErrorKind::UsbIo, "the ST-Link accepted only " + std::to_string(transferred) +
                                          " of " + std::to_string(data.size()) + " bytes");
    }
}

std::size_t LibusbTransport::read(std::span<uint8_t> buffer, std::chrono::milliseconds timeout)
{
    if (!handle_) throw Error(ErrorKind::UsbGone, "the ST-Link is not open");
    int transferred = 0;
    const int rc = libusb_bulk_transfer(handle_, model_.in_endpoint, buffer.data(),
                                        static_cast<int>(buffer.size()), &transferred,
                                        static_cast<unsigned>(timeout.count()));
    if (rc != 0) throw usb_error(rc, "receiving from the ST-Link");
    return static_cast<std::size_t>(transferred);
}

void LibusbTransport::reset()
{
    if (handle_) {
        libusb_clear_halt(handle_, model_.out_endpoint);
        libusb_clear_halt(handle_, model_.in_endpoint);
        const int rc = libusb_reset_device(handle_);
        if (rc == 0) return;
        if (rc != LIBUSB_ERROR_NOT_FOUND && rc != LIBUSB_ERROR_NO_DEVICE) {
            throw usb_error(rc, "resetting the ST-Link");
        }
    }
    // The dongle re-enumerated (or was re-plugged): find it again by serial, or by position
    // when it has no serial, waiting through the Clock rather than spinning.
    close();
    const ProbeSelector again =
        identity_.serial.empty() ? ProbeSelector::any_stlink() : ProbeSelector::stlink_serial(identity_.serial);
    const auto deadline = clock_.now() + options_.reenumeration_timeout;
    while (true) {
        try {
            open_matching(again);
            return;
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::ProbeNotFound || clock_.now() >= deadline) throw;
        }
        clock_.sleep_for(options_.reenumeration_poll);
    }
}

}  // namespace hiltest::probe::usb
