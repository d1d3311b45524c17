// hiltest bench …: work with bench files (the boards on this host).
#include "runner/cli/commands.hpp"

namespace hiltest::cli {

void add_bench_group(CLI::App& app, CommandContext& context)
{
    CLI::App* bench = app.add_subcommand("bench", "Work with bench files (the boards on this host; docs/bench-format.md)");
    bench->require_subcommand(1);
    add_bench_check_command(*bench, context);
    add_bench_init_command(*bench, context);
}

}  // namespace hiltest::cli
