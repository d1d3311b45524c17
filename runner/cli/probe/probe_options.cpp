#include "runner/cli/probe/probe_options.hpp"

#include "runner/cli/options/connect_mode_option.hpp"
#include "runner/cli/options/probe_selector_option.hpp"

namespace hiltest::cli {

void add_probe_command_options(CLI::App& command, ProbeCommandOptions& options)
{
    add_probe_selector_option(command, options.probe, "which probe");
    add_connect_mode_option(command, options.connect, "auto | normal | under-reset");
    command.add_option("--speed", options.swd_khz, "SWD clock in kHz (rounded down to what the probe offers)")
        ->capture_default_str();
    command.add_option("--target", options.declared_target, "expected chip, e.g. stm32f103c8 (error if different)");
    command.add_option("--power-cycle", options.power_cycle,
                       "command that power-cycles the board, tried as a last resort "
                       "(with --probe sim: any value switches the simulated supply)");
    command.add_option("--retry-seed", options.retry_seed, "seed for the retry jitter")->capture_default_str();
    command.add_flag("--stats", options.stats, "print the connection statistics as JSON");
    options.sim = add_sim_backend_options(command);
}

}  // namespace hiltest::cli
