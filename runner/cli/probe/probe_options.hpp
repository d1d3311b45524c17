#pragma once
// The options every command that connects to one probe takes (info, reset, read, write, flash):
// which probe, how to connect, the power-cycle hook, and the simulated rig behind --probe sim.
#include <cstdint>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "probe/base/probe_selector.hpp"
#include "probe/connect/connector.hpp"
#include "runner/cli/backend/sim_backend.hpp"

namespace hiltest::cli {

struct ProbeCommandOptions {
    probe::ProbeSelector probe = probe::ProbeSelector::any_stlink();
    probe::connect::ConnectMode connect = probe::connect::ConnectMode::Auto;
    uint32_t swd_khz = 1800;
    std::string declared_target;  // a chip name, compared with what the target says it is
    std::string power_cycle;      // a shell command (with --probe sim: any value switches the simulated supply)
    uint64_t retry_seed = 1;
    bool stats = false;
    std::shared_ptr<SimBackendOptions> sim;  // --sim-… options; set by add_probe_command_options
};

void add_probe_command_options(CLI::App& command, ProbeCommandOptions& options);

}  // namespace hiltest::cli
