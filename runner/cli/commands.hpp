#pragma once
// The hiltest command line: each command family lives in its own file and adds its
// subcommands here. A command's callback stores the process exit code in the context.
#include <CLI/CLI.hpp>

namespace hiltest::cli {

// Exit codes, documented in docs/exit-codes.md and in `hiltest --help`.
enum ExitCode : int {
    kExitOk = 0,             // all passed
    kExitTestFailed = 1,     // a test or assertion failed
    kExitUsage = 2,          // bad command line, suite or input file
    kExitInfrastructure = 3, // probe, connection, USB or other infrastructure error
};

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
