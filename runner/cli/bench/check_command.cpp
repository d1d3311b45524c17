// hiltest bench check: is every board of a bench file reachable? Runs each board's before hook,
// connects through the connection strategies, runs its after hook; all boards at once, nothing
// flashed. Meant for setting up a bench and as a preflight step in CI.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "runner/bench/bench_file.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/exit_code.hpp"
#include "runner/cli/options/input_variables.hpp"
#include "runner/cli/run/board_run.hpp"

namespace hiltest::cli {
namespace {

struct CheckOptions {
    std::string bench;
    std::string boards = "all";
    suite::ParseOptions parse;  // ${firmware_dir} and --var
};

// A suite without tests: a session that only connects.
suite::Suite connect_only_suite()
{
    suite::Suite suite;
    suite.name = "bench check";
    suite.target.clear();  // accept the chip that is there unless the bench declares one
    return suite;
}

std::string board_line(const reports::SuiteResult& result)
{
    std::ostringstream line;
    const nlohmann::json& connection = result.connection;
    if (result.error.empty()) {
        line << "ok      " << result.properties.target << ", ST-Link " << result.properties.probe_serial << ", via "
             << connection.value("strategy", std::string("?")) << " (" << connection.value("attempts", 0)
             << (connection.value("attempts", 0) == 1 ? " attempt)" : " attempts)");
    } else {
        line << "FAILED  " << result.error;
    }
    return line.str();
}

ExitCode check(const CheckOptions& options)
{
    const bench::Bench bench = bench::load_bench(options.bench, options.parse);
    const std::vector<const bench::BoardSpec*> boards = bench::select_boards(bench, options.boards);
    const suite::Suite suite = connect_only_suite();

    std::cout << "bench " << bench.name << ": checking " << boards.size() << (boards.size() == 1 ? " board" : " boards")
              << "\n"
              << std::flush;
    std::ostringstream session_lines;  // the sessions' own console lines are not needed here
    const std::vector<reports::SuiteResult> results =
        run_boards(suite, std::nullopt, bench, boards, BoardRunOptions{}, session_lines);
    std::size_t width = 0;
    for (const bench::BoardSpec* board : boards) width = std::max(width, board->name.size());
    bool all_reachable = true;
    for (std::size_t i = 0; i < results.size(); ++i) {
        std::cout << "  " << std::left << std::setw(static_cast<int>(width)) << boards[i]->name << "  "
                  << board_line(results[i]) << "\n";
        all_reachable = all_reachable && results[i].error.empty();
    }
    std::cout << (all_reachable ? "every board answered" : "some boards did not answer: see above") << "\n";
    return all_reachable ? kExitOk : kExitInfrastructure;
}

}  // namespace

void add_bench_check_command(CLI::App& bench, CommandContext& context)
{
    auto options = std::make_shared<CheckOptions>();
    CLI::App* check_app = bench.add_subcommand(
        "check",
        "Connect to every board of a bench file at once (before hook, connection strategies, after\n"
        "hook; nothing is flashed) and say which ones answer. Exit " + std::to_string(kExitOk) + " when all do, " +
            std::to_string(kExitInfrastructure) + " otherwise.\n"
        "Example: hiltest bench check /etc/hiltest/bench.json --boards bp-1,bp-2");
    check_app->add_option("BENCH", options->bench, "The bench file")->required()->check(CLI::ExistingFile);
    check_app->add_option("--boards", options->boards, "all (default) or NAME,NAME… of the bench's boards")
        ->capture_default_str();
    add_input_variables_option(*check_app, options->parse, "Set a variable for the bench's paths, NAME=VALUE");
    check_app->callback([options, &context] { context.exit_code = check(*options); });
}

}  // namespace hiltest::cli
