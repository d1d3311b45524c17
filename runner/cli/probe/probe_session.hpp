#pragma once
// One connected probe and target for the duration of a probe command: the backend (a real
// ST-Link or the simulated rig), the driver stack on it (StlinkProbe → Connector → CortexM) and
// the connection the connection strategies made.
#include <memory>

#include "probe/arm/cortex_m.hpp"
#include "probe/connect/connector.hpp"
#include "probe/stlink/stlink_probe.hpp"
#include "runner/cli/backend/command_line_power_cycle.hpp"
#include "runner/cli/backend/probe_backend.hpp"
#include "runner/cli/probe/probe_options.hpp"

namespace hiltest::cli {

struct ProbeSession {
    std::unique_ptr<ProbeBackend> backend;
    std::unique_ptr<CommandLinePowerCycle> power_cycle;
    std::unique_ptr<probe::stlink::StlinkProbe> stlink;
    std::unique_ptr<probe::connect::Connector> connector;
    probe::connect::Connection connection;
    std::unique_ptr<probe::arm::CortexM> core;
};

// Connects (halting the core when `halt`); with --stats the statistics are printed also when
// connecting fails. Throws hiltest::Error.
ProbeSession open_probe_session(const ProbeCommandOptions& options, bool halt);

// The end of a command that went well: the statistics (with --stats), the core let go when
// connecting under reset halted it and the command did not ask for that (`resume`), and what
// the backend keeps saved (--flash-state; a failure is the command's error).
void close_probe_session(ProbeSession& session, const ProbeCommandOptions& options, bool resume);

}  // namespace hiltest::cli
