// hiltest probe …: the debug probes attached to this machine.
#include "runner/cli/commands.hpp"

namespace hiltest::cli {

void add_probe_group(CLI::App& app, CommandContext& context)
{
    auto* probe_group = app.add_subcommand("probe", "Debug probes attached to this machine");
    probe_group->require_subcommand(1);
    add_probe_list_command(*probe_group, context);
}

}  // namespace hiltest::cli
