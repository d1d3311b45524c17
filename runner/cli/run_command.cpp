// hiltest run SUITE: the main job. Parses the suite, builds the firmware if asked, connects
// through the connection strategies, runs the tests and writes JUnit, JSON, console and
// GitHub Actions reports.
#include <unistd.h>

#include <atomic>
#include <pthread.h>

#include <csignal>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <tuple>

#include "probe/base/error.hpp"
#include "probe/usb/probe_selector.hpp"
#include "reports/console_writer.hpp"
#include "reports/environment.hpp"
#include "reports/github_writer.hpp"
#include "reports/json_report.hpp"
#include "reports/junit_writer.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/probe_backend.hpp"
#include "runner/cli/usb_backend.hpp"
#include "runner/session/session.hpp"
#include "runner/suite/parser.hpp"

namespace hiltest::cli {
namespace {

namespace fs = std::filesystem;

// Set from the signal handler; a signal handler can reach nothing else.
std::atomic<bool> interrupt_requested{false};

extern "C" void on_interrupt(int)
{
    interrupt_requested = true;
}

struct RunOptions {
    std::string suite;
    std::string report_dir = "hiltest-reports";
    std::string junit;
    std::string json;
    std::string filter = "*";
    unsigned repeat = 1;
    std::string probe;  // overrides the suite's probe
    std::vector<std::string> variables;
    uint64_t seed = 1;
    std::string flash_state;
    std::string power_cycle;
    std::string shard;  // "K/N"
};

// "K/N" with 1 <= K <= N: this runner's share of the suite's tests.
std::pair<unsigned, unsigned> parse_shard(const std::string& text)
{
    unsigned k = 0, n = 0;
    char slash = 0;
    std::istringstream in(text);
    if (!(in >> k >> slash >> n) || slash != '/' || !in.eof() || n == 0 || k == 0 || k > n)
        throw Error(ErrorKind::Usage, "--shard '" + text + "' is not K/N with 1 <= K <= N", "e.g. --shard 2/4");
    return {k - 1, n};
}

std::string utc_now()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::string file_stem(const std::string& name)
{
    std::string stem;
    for (char c : name) stem += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
    return stem.empty() ? "suite" : stem;
}

fs::path executable_directory()
{
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::current_path() : self.parent_path();
}

suite::ParseOptions parse_options(const RunOptions& options)
{
    suite::ParseOptions parse;
    // The firmware fixtures are built next to the hiltest binary (build/firmware).
    parse.variables["firmware_dir"] = (executable_directory() / "firmware").string();
    for (const std::string& assignment : options.variables) {
        const auto eq = assignment.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Error(ErrorKind::Usage, "--var '" + assignment + "' is not NAME=VALUE");
        parse.variables[assignment.substr(0, eq)] = assignment.substr(eq + 1);
    }
    return parse;
}

SimBackendOptions sim_options(const suite::Suite& suite, const RunOptions& options)
{
    SimBackendOptions sim;
    const suite::SimulatedBoardSetup& board = suite.simulated_board;
    sim.faults = board.faults;
    sim.nrst_wired = board.nrst_wired ? "yes" : "no";
    if (board.dpidr) {
        char text[16];
        std::snprintf(text, sizeof text, "0x%08X", *board.dpidr);
        sim.dpidr = text;
    }
    sim.seed = board.seed.value_or(options.seed);
    for (const suite::InputPinSetup& input : board.inputs)
        sim.inputs.emplace_back(input.pin.to_string(), input.level == suite::Level::High);
    sim.flash_state = options.flash_state;
    sim.power_switch = true;  // the simulated supply can always be switched
    return sim;
}

int exit_code_for(const reports::SuiteResult& result)
{
    if (result.interrupted) return 130;
    if (!result.error.empty()) return kExitInfrastructure;
    const reports::Counts counts = reports::count(result);
    if (counts.all_passed()) return kExitOk;
    return kExitTestFailed;
}

int run(const RunOptions& options)
{
    suite::Suite suite = suite::load_suite(options.suite, parse_options(options));
    if (!options.probe.empty()) {
        const probe::ProbeSelector selector = probe::parse_probe_selector(options.probe);
        suite.probe.kind = selector.kind == probe::ProbeSelector::Kind::Sim      ? suite::ProbeSelector::Kind::Simulated
                           : selector.kind == probe::ProbeSelector::Kind::Serial ? suite::ProbeSelector::Kind::StlinkSerial
                                                                                 : suite::ProbeSelector::Kind::AnyStlink;
        suite.probe.serial = selector.serial;
    }

    const reports::Environment environment = reports::Environment::from_process();
    reports::ConsoleReporter console(std::cout, reports::console_options(::isatty(STDOUT_FILENO) != 0, environment));

    // A probe that cannot even be opened still gets reports: CI shows why nothing ran.
    std::unique_ptr<ProbeBackend> backend;
    std::optional<Error> open_error;
    try {
        if (suite.probe.kind == suite::ProbeSelector::Kind::Simulated)
            backend = make_sim_backend(sim_options(suite, options));
        else
            backend = make_usb_backend(probe::parse_probe_selector(suite.probe.to_string()), options.power_cycle);
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::Usage) throw;
        open_error = e;
    }

    // Stop cleanly on Ctrl-C / SIGTERM (CI cancelling a job), even when the parent started us
    // with those signals blocked.
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);

    runner::SessionOptions session;
    session.filter = options.filter;
    session.repeat = options.repeat;
    if (!options.shard.empty()) std::tie(session.shard_index, session.shard_count) = parse_shard(options.shard);
    session.retry_seed = options.seed;
    session.interrupted = &interrupt_requested;
    session.test_finished = [&console](const reports::TestResult& test) { console.test_finished(test); };
    session.flash_progress = [&console](const probe::flash::FlashProgress& progress) {
        if (progress.phase == probe::flash::FlashPhase::Program) console.flash_progress(progress.done, progress.total);
    };
    session.note = [](const std::string& text) { std::cout << "  " << text << "\n"; };

    console.suite_started(suite.name, suite.tests.size(), suite.probe.to_string());
    reports::Report report;
    reports::SuiteResult result =
        backend ? runner::run_suite(suite, {backend->transport(), backend->clock(), backend->power_cycle()}, session)
                : runner::unreachable_probe_result(suite, *open_error);
    result.started_at = utc_now();
    result.properties.hiltest_version = HILTEST_VERSION;
    if (suite.probe.kind == suite::ProbeSelector::Kind::Simulated) result.properties.seed = sim_options(suite, options).seed;
    console.suite_finished(result);
    report.runs.push_back(result);

    const std::string stem = file_stem(suite.name);
    const fs::path junit = options.junit.empty() ? fs::path(options.report_dir) / (stem + ".junit.xml") : fs::path(options.junit);
    const fs::path json = options.json.empty() ? fs::path(options.report_dir) / (stem + ".json") : fs::path(options.json);
    for (const fs::path& path : {junit, json})
        if (path.has_parent_path()) fs::create_directories(path.parent_path());
    reports::write_junit_report(junit, report);
    reports::write_json_report(json, report);
    console.reports_written("JUnit", junit.string());
    console.reports_written("JSON", json.string());
    if (reports::running_in_github_actions(environment)) reports::publish_to_github(report, environment, std::cout);
    if (!result.error.empty()) std::cerr << "hiltest: " << result.error << "\n";
    return exit_code_for(result);
}

}  // namespace

void add_run_command(CLI::App& app, CommandContext& context)
{
    auto options = std::make_shared<RunOptions>();
    CLI::App* run_app = app.add_subcommand(
        "run",
        "Run a test suite (suite.json) on a board: build and flash the firmware, check the\n"
        "assertions, write JUnit and JSON reports. Suite format: docs/suite-format.md.\n"
        "Example: hiltest run testsuites/blink.json");
    run_app->add_option("SUITE", options->suite, "The suite file")->required()->check(CLI::ExistingFile);
    run_app->add_option("--report-dir", options->report_dir,
                        "Where the reports go: DIR/<suite>.junit.xml and DIR/<suite>.json")
        ->capture_default_str();
    run_app->add_option("--junit", options->junit, "Write the JUnit XML report to this file instead");
    run_app->add_option("--json", options->json, "Write the JSON report to this file instead");
    run_app->add_option("--filter", options->filter, "Run only the tests whose name matches this glob")->capture_default_str();
    run_app->add_option("--repeat", options->repeat, "Run the selected tests N times (flaky-test hunting)")->capture_default_str();
    run_app->add_option("--shard", options->shard,
                        "Run share K of N (e.g. 2/4): the tests, sorted by name, dealt out round-robin, so N runners\n"
                        "cover every test exactly once; merge their reports with hiltest report merge");
    run_app->add_option("--probe", options->probe, "Override the suite's probe: sim, stlink, stlink:SERIAL");
    run_app->add_option("--var", options->variables, "Set a suite variable, NAME=VALUE (used as ${NAME} in paths)");
    run_app->add_option("--seed", options->seed, "Seed for the simulated board and the retry jitter (printed in the reports)")
        ->capture_default_str();
    run_app->add_option("--flash-state", options->flash_state, "With the simulated board: keep its flash in FILE between runs");
    run_app->add_option("--power-cycle", options->power_cycle,
                        "A command that power-cycles the board (last connection resort), e.g. 'uhubctl -l 1-1 -p 2 -a cycle'");
    run_app->callback([options, &context] { context.exit_code = run(*options); });
}

}  // namespace hiltest::cli
