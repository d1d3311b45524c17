#pragma once
// The "semihosting" channel: what the firmware printed through the semihosting calls the
// session serviced (probe/arm/semihosting.hpp), taken from the service so the capture holds the
// only copy.
#include "probe/arm/semihosting.hpp"
#include "runner/session/output_source.hpp"

namespace hiltest::session {

class SemihostingSource final : public OutputSource {
public:
    explicit SemihostingSource(probe::arm::SemihostingService& service) : service_(service) {}

    void poll(const OutputReceiver& received) override
    {
        const std::string text = service_.take_output();
        if (!text.empty()) received("semihosting", text);
    }
    bool carries(std::string_view channel) const override { return channel == "semihosting"; }

private:
    probe::arm::SemihostingService& service_;
};

}  // namespace hiltest::session
