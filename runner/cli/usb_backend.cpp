#include "runner/cli/usb_backend.hpp"

#include "probe/usb/libusb_transport.hpp"

namespace hiltest::cli {
namespace {

class UsbBackend final : public ProbeBackend {
public:
    UsbBackend(const probe::ProbeSelector& selector, const std::string& power_cycle) : transport_(selector, clock_)
    {
        if (!power_cycle.empty()) hook_ = std::make_unique<probe::connect::CommandPowerCycle>(power_cycle, clock_);
    }
    probe::Transport& transport() override { return transport_; }
    Clock& clock() override { return clock_; }
    probe::connect::PowerCycleHook* power_cycle() override { return hook_.get(); }

private:
    SteadyClock clock_;
    probe::LibusbTransport transport_;
    std::unique_ptr<probe::connect::PowerCycleHook> hook_;
};

}  // namespace

std::unique_ptr<ProbeBackend> make_usb_backend(const probe::ProbeSelector& selector, const std::string& power_cycle)
{
    return std::make_unique<UsbBackend>(selector, power_cycle);
}

}  // namespace hiltest::cli
