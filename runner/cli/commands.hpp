#pragma once
// The hiltest command line: each command family lives in its own file and adds its
// subcommands here. A command's callback stores the process exit code in the context.
#include <CLI/CLI.hpp>

#include "runner/cli/exit_code.hpp"

namespace hiltest::cli {

struct CommandContext {
    int exit_code = kExitOk;
};

void add_sim_commands(CLI::App& app, CommandContext& context);    // sim_commands.cpp
void add_probe_commands(CLI::App& app, CommandContext& context);  // probe_commands.cpp
void add_sim_usb_command(CLI::App& app, CommandContext& context); // sim_usb_command.cpp
void add_run_command(CLI::App& app, CommandContext& context);     // run_command.cpp
void add_report_commands(CLI::App& app, CommandContext& context); // report_commands.cpp
void add_bench_commands(CLI::App& app, CommandContext& context);  // bench_commands.cpp

}  // namespace hiltest::cli
