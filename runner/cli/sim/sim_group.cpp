// hiltest sim …: the simulated Blue Pill without a probe in front of it (sim run), or behind
// virtual ST-Link dongles on USB (sim usb, with HILTEST_WITH_SIM_USB).
#include "runner/cli/commands.hpp"
#include "runner/cli/options/unavailable.hpp"

namespace hiltest::cli {

void add_sim_group(CLI::App& app, CommandContext& context)
{
    CLI::App* sim = app.add_subcommand("sim", "Run firmware on the simulated Blue Pill (no hardware needed)");
    sim->require_subcommand(1);
    add_sim_run_command(*sim, context);
#ifdef HILTEST_WITH_SIM_USB
    add_sim_usb_command(*sim, context);
#else
    add_unavailable_command(*sim, "usb", MissingPart::SimUsb);
#endif
}

}  // namespace hiltest::cli
