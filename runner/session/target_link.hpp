#pragma once
// The session's link to the target: the ST-Link driver, the connection strategies, Cortex-M
// control, semihosting and the flash programmer, owned together for the whole run. A
// (re)connect replaces only the programmer (its geometry comes from the chip it finds), so
// callers fetch it through programmer() each time and never keep it across a connect.
#include <optional>

#include "probe/arm/cortex_m.hpp"
#include "probe/arm/semihosting.hpp"
#include "probe/connect/connector.hpp"
#include "probe/flash/stm32f1_programmer.hpp"
#include "probe/stlink/stlink_probe.hpp"
#include "runner/session/output_capture.hpp"
#include "runner/session/rtt_source.hpp"
#include "runner/session/semihosting_source.hpp"
#include "runner/session/session.hpp"

namespace hiltest::session {

class TargetLink {
public:
    // `semihosting`: what the firmware's semihosting calls are given (the suite's "semihosting").
    // `rtt`: where to find the RTT control block, for a suite that uses RTT (else no RTT polling).
    TargetLink(ProbeLink link, probe::connect::ConnectOptions options, armv7m::semihosting::Config semihosting = {},
               std::optional<probe::rtt::RttLocation> rtt = std::nullopt);

    // Connects through the strategies (the first time, or again after the link was lost). Leaves
    // no breakpoint of an interrupted step behind; a connect that reset the target starts the
    // firmware's run afresh for semihosting (SemihostingService::firmware_restarted). Throws the
    // connector's hiltest::Error.
    const probe::connect::Connection& connect(const probe::connect::ConnectContext& context = {});

    const std::optional<probe::connect::Connection>& connection() const { return connection_; }
    probe::stlink::StlinkProbe& probe() { return probe_; }
    probe::arm::CortexM& core() { return core_; }
    probe::arm::SemihostingService& semihosting() { return semihosting_; }
    // Every output channel: semihosting, and the sources the composition root gave (UART).
    OutputCapture& outputs() { return outputs_; }
    RttSource* rtt() { return rtt_ ? &*rtt_ : nullptr; }
    // The firmware starts again (flash, reset, a connect that reset it): semihosting and every
    // output channel begin its new run.
    void firmware_restarted();
    probe::flash::Stm32f1Programmer& programmer();  // Internal error before the first connect
    const probe::connect::ConnectionStatistics& statistics() const { return connector_.statistics(); }
    Clock& clock() { return clock_; }
    BoardStimulus* stimulus() { return stimulus_; }
    const PinObserver* pins() const { return pins_; }

private:
    Clock& clock_;
    BoardStimulus* stimulus_;
    const PinObserver* pins_;
    probe::stlink::StlinkProbe probe_;
    probe::connect::Connector connector_;
    probe::arm::CortexM core_;
    probe::arm::SemihostingService semihosting_;
    SemihostingSource semihosting_source_;
    std::optional<RttSource> rtt_;
    OutputCapture outputs_;
    std::optional<probe::connect::Connection> connection_;
    std::optional<probe::flash::Stm32f1Programmer> programmer_;
};

}  // namespace hiltest::session
