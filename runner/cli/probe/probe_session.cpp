#include "runner/cli/probe/probe_session.hpp"

#include <iostream>

#include <nlohmann/json.hpp>

#include "probe/base/error.hpp"
#include "runner/cli/backend/sim_backend.hpp"
#include "runner/cli/backend/usb_backend.hpp"

namespace hiltest::cli {
namespace {

void print_stats(const ProbeSession& s, const ProbeCommandOptions& options)
{
    if (options.stats) std::cout << s.connector->statistics().to_json().dump(2) << "\n";
}

}  // namespace

ProbeSession open_probe_session(const ProbeCommandOptions& options, bool halt)
{
    ProbeSession s;
    probe::connect::PowerCycleHook* power_cycle = nullptr;
    if (options.probe.is_simulated()) {
        check_sim_backend_outputs(*options.sim);  // before the command, not after it
        s.backend = make_sim_backend(*options.sim, !options.power_cycle.empty());
        power_cycle = s.backend->power_cycle();
    } else {
        s.backend = make_usb_backend(options.probe);
        if (!options.power_cycle.empty()) {
            s.power_cycle = std::make_unique<CommandLinePowerCycle>(options.power_cycle, s.backend->clock());
            power_cycle = s.power_cycle->hook();
        }
    }
    s.stlink = std::make_unique<probe::stlink::StlinkProbe>(s.backend->transport(), s.backend->clock());
    probe::connect::ConnectOptions connect;
    connect.mode = options.connect;
    connect.swd_khz = options.swd_khz;
    connect.declared_target = options.declared_target;
    connect.retry.seed = options.retry_seed;
    connect.power_cycle = power_cycle;
    connect.halt = halt;
    // Progress for the person at the board ("connecting …", "release the board's RESET button
    // now") on stderr: stdout keeps what the command reads.
    connect.note = [](const std::string& text) { std::cerr << text << "\n" << std::flush; };
    s.connector = std::make_unique<probe::connect::Connector>(*s.stlink, s.backend->clock(), connect);
    try {
        s.connection = s.connector->connect();
    } catch (const Error&) {
        print_stats(s, options);
        throw;
    }
    s.core = std::make_unique<probe::arm::CortexM>(*s.stlink, s.backend->clock());
    return s;
}

void close_probe_session(ProbeSession& s, const ProbeCommandOptions& options, bool resume)
{
    print_stats(s, options);
    // Connecting under reset leaves the core halted at the reset vector; a command that did not
    // ask for a halted core lets the firmware run again when it is done.
    if (resume && s.connection.core_halted) s.core->resume();
    s.backend->finish();  // saves --flash-state; a failure is this command's error
}

}  // namespace hiltest::cli
