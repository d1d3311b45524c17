#pragma once
// The hiltest command line, one file per command: `add_<name>_command` adds command <name> to
// its parent (the app, or its group: `hiltest probe list` is probe/list_command.cpp), and the
// groups (probe, bench, report, sim) add theirs. A command's callback stores the process exit
// code in the context.
#include <CLI/CLI.hpp>

#include "runner/cli/exit_code.hpp"

namespace hiltest::cli {

struct CommandContext {
    int exit_code = kExitOk;  // an ExitCode, or the status of the program `hiltest sim usb` ran
};

void add_run_command(CLI::App& app, CommandContext& context);  // run/run_command.cpp

void add_report_group(CLI::App& app, CommandContext& context);         // report/report_group.cpp
void add_report_merge_command(CLI::App& report, CommandContext& context);  // report/merge_command.cpp

void add_bench_group(CLI::App& app, CommandContext& context);           // bench/bench_group.cpp
void add_bench_check_command(CLI::App& bench, CommandContext& context);  // bench/check_command.cpp
void add_bench_init_command(CLI::App& bench, CommandContext& context);   // bench/init_command.cpp

void add_probe_group(CLI::App& app, CommandContext& context);          // probe/probe_group.cpp
void add_probe_list_command(CLI::App& probe, CommandContext& context);  // probe/list_command.cpp
void add_info_command(CLI::App& app, CommandContext& context);          // probe/info_command.cpp
void add_reset_command(CLI::App& app, CommandContext& context);         // probe/reset_command.cpp
void add_read_command(CLI::App& app, CommandContext& context);          // probe/read_command.cpp
void add_write_command(CLI::App& app, CommandContext& context);         // probe/write_command.cpp
void add_flash_command(CLI::App& app, CommandContext& context);         // probe/flash_command.cpp

// With the simulator (HILTEST_WITH_SIMULATOR) only; without, `hiltest sim` is an unavailable
// command (unavailable.hpp).
void add_sim_group(CLI::App& app, CommandContext& context);        // sim/sim_group.cpp
void add_sim_run_command(CLI::App& sim, CommandContext& context);  // sim/run_command.cpp
// With the simulated USB dongles (HILTEST_WITH_SIM_USB) only.
void add_sim_usb_command(CLI::App& sim, CommandContext& context);  // sim/usb/usb_command.cpp

}  // namespace hiltest::cli
