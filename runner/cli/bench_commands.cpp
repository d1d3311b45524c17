// hiltest bench init: a bench file for the ST-Links on this machine, to start from.
// hiltest bench check: is every board of a bench file reachable? Runs each board's before hook,
// connects through the connection strategies, runs its after hook; all boards at once, nothing
// flashed. Meant for setting up a bench and as a preflight step in CI.
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include <algorithm>
#include <filesystem>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "probe/base/error.hpp"
#include "probe/base/probe_selector.hpp"
#include "probe/usb/libusb_transport.hpp"
#include "reports/atomic_file.hpp"
#include "runner/bench/bench_file.hpp"
#include "runner/cli/board_run.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/exit_code.hpp"
#include "runner/cli/input_variables.hpp"

namespace hiltest::cli {
namespace {

struct InitOptions {
    std::string name;
    std::string output;
};

struct CheckOptions {
    std::string bench;
    std::string boards = "all";
    std::vector<std::string> variables;
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

int check(const CheckOptions& options)
{
    const suite::ParseOptions parse = input_variables(options.variables);
    const bench::Bench bench = bench::load_bench(options.bench, parse);
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

// A bench file for the ST-Links on this machine: one board per dongle, named by position, NRST
// assumed not wired (the Blue Pill's SWD header has no reset pin) and no hooks yet.
int init(const InitOptions& options)
{
    probe::UsbContext context;
    std::vector<probe::UsbProbeInfo> probes = probe::list_stlink_probes(context);
    // Numbered by USB position, so the same wiring gives the same names every time.
    std::sort(probes.begin(), probes.end(), [](const probe::UsbProbeInfo& a, const probe::UsbProbeInfo& b) {
        return std::tie(a.bus, a.ports) < std::tie(b.bus, b.ports);
    });
    std::map<std::string, int> serial_count;
    for (const probe::UsbProbeInfo& found : probes) ++serial_count[found.serial];
    nlohmann::ordered_json boards = nlohmann::ordered_json::array();
    for (const probe::UsbProbeInfo& found : probes) {
        const bool repeated = serial_count[found.serial] > 1;
        if (!found.serial.empty() && (repeated || !probe::ProbeSelector::is_writable_serial(found.serial))) {
            // Clones of one batch often share a serial, or report one that is not letters and
            // digits (no stlink:SERIAL can name it): only the USB port tells them apart.
            if (repeated) {
                std::cerr << "hiltest: " << serial_count[found.serial] << " ST-Links report the serial " << found.serial;
            } else {
                std::cerr << "hiltest: an ST-Link reports the serial " << found.serial << " (not only letters and digits)";
            }
            std::cerr << "; the one at USB " << found.location << " is selected by its port (keep it in that port)\n";
            boards.push_back({{"name", "bp-" + std::to_string(boards.size() + 1)},
                              {"probe", "usb:" + found.location},
                              {"nrst_wired", false}});
            continue;
        }
        if (found.serial.empty()) {
            std::cerr << "hiltest: left out the " << found.model.name << " at USB " << found.location
                      << ": its serial cannot be read"
                      << (found.open_error ? " (" + std::string(found.open_error->what()) + ")" : std::string()) << "\n"
                      << "  what to do: "
                      << (found.open_error && !found.open_error->remedy().empty() ? found.open_error->remedy()
                                                                                  : "check the USB permissions (sudo ci/udev/install)")
                      << "\n";
            continue;
        }
        boards.push_back({{"name", "bp-" + std::to_string(boards.size() + 1)},
                          {"probe", "stlink:" + found.serial},
                          {"nrst_wired", false}});
    }
    if (boards.empty()) {
        throw Error(ErrorKind::ProbeNotFound, "no usable ST-Link on this machine to put in a bench file",
                    "plug the ST-Links in (check `hiltest probe list`); for a bench without hardware start from "
                    "benches/virtual-quad.json");
    }
    nlohmann::ordered_json bench;
    if (!options.name.empty()) bench["name"] = options.name;
    bench["description"] = "Written by hiltest bench init: rename the boards, set nrst_wired to true where the "
                           "ST-Link's RST reaches the board, add power_cycle/before/after hooks (docs/bench-format.md)";
    bench["boards"] = boards;
    const std::string text = bench.dump(2) + "\n";
    if (options.output.empty()) {
        std::cout << text;
    } else {
        const std::filesystem::path path(options.output);
        if (std::filesystem::exists(path))
            throw Error(ErrorKind::Usage, options.output + " exists already", "choose another file; hiltest does not overwrite a bench file");
        if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
        reports::write_file_atomically(path, text);
        std::cerr << "wrote " << options.output << " with " << boards.size() << (boards.size() == 1 ? " board" : " boards")
                  << "; check it with: hiltest bench check " << options.output << "\n";
    }
    return kExitOk;
}

}  // namespace

void add_bench_commands(CLI::App& app, CommandContext& context)
{
    CLI::App* bench = app.add_subcommand("bench", "Work with bench files (the boards on this host; docs/bench-format.md)");
    bench->require_subcommand(1);
    auto options = std::make_shared<CheckOptions>();
    CLI::App* check_app = bench->add_subcommand(
        "check",
        "Connect to every board of a bench file at once (before hook, connection strategies, after\n"
        "hook; nothing is flashed) and say which ones answer. Exit 0 when all do, 3 otherwise.\n"
        "Example: hiltest bench check /etc/hiltest/bench.json --boards bp-1,bp-2");
    check_app->add_option("BENCH", options->bench, "The bench file")->required()->check(CLI::ExistingFile);
    check_app->add_option("--boards", options->boards, "all (default) or NAME,NAME… of the bench's boards")
        ->capture_default_str();
    check_app->add_option("--var", options->variables, "Set a variable for the bench's paths, NAME=VALUE");
    check_app->callback([options, &context] { context.exit_code = check(*options); });

    auto init_options = std::make_shared<InitOptions>();
    CLI::App* init_app = bench->add_subcommand(
        "init",
        "Write a bench file for the ST-Links attached to this machine (one board each, by serial) to\n"
        "start from. Example: hiltest bench init --name desk-1 -o /etc/hiltest/bench.json");
    init_app->add_option("--name", init_options->name, "The bench's name (default: the file's name)");
    init_app->add_option("-o,--output", init_options->output, "Write to FILE instead of standard output (never overwrites)");
    init_app->callback([init_options, &context] { context.exit_code = init(*init_options); });
}

}  // namespace hiltest::cli
