#include "runner/cli/backend/usb_backend.hpp"

#include "probe/usb/libusb_transport.hpp"

namespace hiltest::cli {
namespace {

class UsbBackend final : public ProbeBackend {
public:
    explicit UsbBackend(const probe::ProbeSelector& selector) : transport_(selector, clock_) {}
    probe::usb::Transport& transport() override { return transport_; }
    Clock& clock() override { return clock_; }

private:
    SteadyClock clock_;
    probe::usb::LibusbTransport transport_;
};

}  // namespace

std::unique_ptr<ProbeBackend> make_usb_backend(const probe::ProbeSelector& selector)
{
    return std::make_unique<UsbBackend>(selector);
}

}  // namespace hiltest::cli
