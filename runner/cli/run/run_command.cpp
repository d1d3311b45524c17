// hiltest run SUITE: the main job. Parses the suite, builds the firmware if asked, connects
// through the connection strategies, runs the tests and writes JUnit, JSON, console and
// GitHub Actions reports.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <vector>

#include "probe/base/error.hpp"
#include "probe/base/probe_selector.hpp"
#include "reports/console_writer.hpp"
#include "reports/environment.hpp"
#include "reports/github_writer.hpp"
#include "reports/json_report.hpp"
#include "reports/junit_writer.hpp"
#include "reports/output_path.hpp"
#include "runner/bench/bench_file.hpp"
#include "runner/cli/backend/sim_backend.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/interrupt.hpp"
#include "runner/cli/options/connect_mode_option.hpp"
#include "runner/cli/options/input_variables.hpp"
#include "runner/cli/options/probe_selector_option.hpp"
#include "runner/cli/run/board_run.hpp"
#include "runner/cli/run/suite_error_report.hpp"
#include "runner/session/firmware.hpp"
#include "runner/session/test_plan.hpp"
#include "runner/suite/parser.hpp"

namespace hiltest::cli {
namespace {

namespace fs = std::filesystem;

struct Shard {
    unsigned index = 0;  // 0-based
    unsigned count = 1;
};

struct RunOptions {
    std::string suite;
    std::string report_dir = "hiltest-reports";
    std::string junit;
    std::string json;
    std::string filter = "*";
    unsigned repeat = 1;
    std::optional<probe::ProbeSelector> probe;  // overrides the suite's probe
    suite::ParseOptions parse;                  // ${firmware_dir} and --var
    uint64_t seed = 1;
    std::string flash_state;
    std::string power_cycle;
    std::optional<Shard> shard;
    std::string bench;   // bench file
    std::string boards;  // "all" or NAME,NAME…
    std::optional<probe::connect::ConnectMode> connect;  // overrides the suite's connection.mode
    std::optional<unsigned> speed_khz;                   // overrides the suite's connection.swd_khz
    bool verbose = false;                                // show the target's output live
};

// --connect and --speed: the suite's "connection" settings for this run only.
void apply_connection_overrides(const RunOptions& options, suite::Suite& suite)
{
    using Mode = suite::ConnectionSettings::Mode;
    if (options.connect) {
        switch (*options.connect) {
        case probe::connect::ConnectMode::Auto: suite.connection.mode = Mode::Auto; break;
        case probe::connect::ConnectMode::Plain: suite.connection.mode = Mode::Normal; break;
        case probe::connect::ConnectMode::UnderReset: suite.connection.mode = Mode::UnderReset; break;
        }
    }
    if (options.speed_khz) suite.connection.swd_khz = *options.speed_khz;
}

// "K/N" with 1 <= K <= N: this runner's share of the suite's tests (index 0-based).
Shard parse_shard(const std::string& text)
{
    unsigned k = 0, n = 0;
    char slash = 0;
    std::istringstream in(text);
    if (!(in >> k >> slash >> n) || slash != '/' || !in.eof() || n == 0 || k == 0 || k > n)
        throw Error(ErrorKind::Usage, "--shard '" + text + "' is not K/N with 1 <= K <= N", "e.g. --shard 2/4");
    return {k - 1, n};
}

std::string file_stem(const std::string& name)
{
    std::string stem;
    for (char c : name) stem += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
    return stem.empty() ? "suite" : stem;
}

void check_combinations(const RunOptions& options)
{
    if (options.bench.empty()) {
        if (!options.boards.empty())
            throw Error(ErrorKind::Usage, "--boards needs --bench", "name the bench file: --bench bench.json --boards " + options.boards);
        return;
    }
    const auto conflict = [](const char* flag, const char* instead) {
        throw Error(ErrorKind::Usage, std::string(flag) + " cannot be combined with --bench", instead);
    };
    if (options.probe) conflict("--probe", "the bench file names each board's probe; pick boards with --boards NAME,…");
    if (!options.power_cycle.empty()) conflict("--power-cycle", "give each board a \"power_cycle\" hook in the bench file");
    if (!options.flash_state.empty()) conflict("--flash-state", "give each simulated board a \"flash_state\" in the bench file");
}

// Where the JUnit and JSON reports of a suite of this name go.
std::pair<fs::path, fs::path> report_paths(const RunOptions& options, const std::string& suite_name)
{
    const std::string stem = file_stem(suite_name);
    const fs::path dir(options.report_dir);
    return {options.junit.empty() ? dir / (stem + ".junit.xml") : fs::path(options.junit),
            options.json.empty() ? dir / (stem + ".json") : fs::path(options.json)};
}

void write_reports(const reports::Report& report, const fs::path& junit, const fs::path& json)
{
    for (const fs::path& path : {junit, json})
        if (path.has_parent_path()) fs::create_directories(path.parent_path());
    reports::write_junit_report(junit, report);
    reports::write_json_report(json, report);
}

// Sets suite_name as soon as the suite is parsed.
ExitCode run_and_report(const RunOptions& options, std::string& suite_name)
{
    check_combinations(options);
    const suite::ParseOptions& parse = options.parse;
    suite::Suite suite = suite::load_suite(options.suite, parse);
    suite_name = suite.name;
    if (options.probe) suite.probe = *options.probe;
    std::optional<bench::Bench> bench;
    std::vector<const bench::BoardSpec*> boards;
    const bench::BoardSpec single = implicit_board(suite, options.power_cycle);
    if (!options.bench.empty()) {
        bench = bench::load_bench(options.bench, parse);
        boards = bench::select_boards(*bench, options.boards);
    } else {
        bench.emplace();  // hooks of the single board run in the current directory
        boards = {&single};
    }

    apply_connection_overrides(options, suite);
    BoardRunOptions board_options;
    const reports::Environment environment = reports::Environment::from_process();
    const reports::ConsoleOptions console_options = reports::console_options(::isatty(STDOUT_FILENO) != 0, environment);
    reports::ConsoleReporter console(std::cout, console_options);

    // Everything the user can get wrong is found before anything is built or touched: which
    // tests run, where the results go (the report folder is created), the flash-state files.
    session::SessionOptions& session_options = board_options.session;
    session_options.filter = options.filter;
    session_options.repeat = options.repeat;
    if (options.shard) {
        session_options.shard_index = options.shard->index;
        session_options.shard_count = options.shard->count;
    }
    session::plan_tests(suite, {session_options.filter, session_options.repeat, session_options.shard_index, session_options.shard_count});
    const std::string stem = file_stem(suite.name);
    const fs::path dir(options.report_dir);
    const auto [junit, json] = report_paths(options, suite.name);
    if (!options.bench.empty() || options.junit.empty() || options.json.empty())
        reports::check_output_folder(dir, "--report-dir");
    reports::check_output_file(junit, "the JUnit report");
    reports::check_output_file(json, "the JSON report");
    for (const bench::BoardSpec* board : boards) check_simulated_board(*board, options.flash_state);

    // Built and checked once, before any board is touched: a broken build is the suite's problem.
    const std::optional<session::Firmware> firmware = session::prepare_firmware(suite);
    session::check_symbols(suite, firmware);

    // Ctrl-C / SIGTERM (CI cancelling a job) stop the run cleanly, with reports.
    board_options.session.retry_seed = options.seed;
    board_options.session.interrupted = &stop_runs_on_interrupt();
    board_options.seed = options.seed;
    board_options.colour = console_options.colour;
    board_options.flash_state = options.flash_state;
    board_options.verbose = options.verbose;


    std::vector<reports::SuiteResult> results;
    if (options.bench.empty()) {
        board_options.simulated_supply_switch = true;
        board_options.terminal = console_options.terminal;
        results.push_back(run_board(suite, firmware, *bench, single, board_options, std::cout));
    } else {
        std::cout << suite.name << ": "
                  << (boards.size() == 1 ? "board " + boards.front()->name
                                         : std::to_string(boards.size()) + " boards in parallel")
                  << " of bench " << bench->name << "\n"
                  << std::flush;
        results = run_boards(suite, firmware, *bench, boards, board_options, std::cout);
        for (const reports::SuiteResult& result : results) {
            reports::Report own;
            own.runs.push_back(result);
            write_reports(own, dir / (stem + "." + result.board + ".junit.xml"), dir / (stem + "." + result.board + ".json"));
        }
        console.reports_written("per board", (dir / (stem + ".<board>.{junit.xml,json}")).string());
    }
    reports::Report report;
    report.runs = results;
    if (results.size() > 1) {
        // The boards ran side by side: the longest of them is how long the run took.
        reports::Duration longest{0};
        for (const reports::SuiteResult& result : results) longest = std::max(longest, result.duration);
        console.summary_line(suite.name + " on " + std::to_string(results.size()) + " boards", report.counts(), longest,
                             report.interrupted());
    }
    write_reports(report, junit, json);
    console.reports_written("JUnit", junit.string());
    console.reports_written("JSON", json.string());
    if (reports::running_in_github_actions(environment)) reports::publish_to_github(report, environment, std::cout);
    for (const reports::SuiteResult& result : results)
        if (!result.error.empty())
            std::cerr << "hiltest: " << (result.board.empty() ? "" : "board " + result.board + ": ") << result.error << "\n";
    return exit_code_for(results);
}

// A suite, bench file or firmware problem still leaves both reports for CI (named after the
// suite file's stem when the suite has no name yet), then goes on to main like any error.
ExitCode run(const RunOptions& options)
{
    std::string suite_name = fs::path(options.suite).stem().string();
    try {
        return run_and_report(options, suite_name);
    } catch (const Error& e) {
        if (!is_suite_error(e)) throw;
        const auto [junit, json] = report_paths(options, suite_name);
        write_suite_error_reports(e, suite_name, options.suite, junit, json, reports::Environment::from_process(),
                                  std::cout, std::cerr);
        throw;
    }
}

}  // namespace

void add_run_command(CLI::App& app, CommandContext& context)
{
    auto options = std::make_shared<RunOptions>();
    CLI::App* run_app = app.add_subcommand(
        "run",
        "Run a test suite (suite.json) on a board, or on several boards of a bench file at once: build\n"
        "and flash the firmware, check the assertions, write JUnit and JSON reports.\n"
        "Suite format: docs/suite-format.md; bench files: docs/bench-format.md.\n"
        "Examples: hiltest run testsuites/blink.json\n"
        "          hiltest run testsuites/blink.json --bench benches/virtual-quad.json --boards all");
    run_app->add_option("SUITE", options->suite, "The suite file")->required()->check(CLI::ExistingFile);
    run_app->add_option("--report-dir", options->report_dir,
                        "Where the reports go: DIR/<suite>.junit.xml and DIR/<suite>.json")
        ->capture_default_str();
    run_app->add_option("--junit", options->junit, "Write the JUnit XML report to this file instead");
    run_app->add_option("--json", options->json, "Write the JSON report to this file instead");
    run_app->add_option("--filter", options->filter, "Run only the tests whose name matches this glob")->capture_default_str();
    run_app->add_option("--repeat", options->repeat, "Run the selected tests N times (flaky-test hunting)")->capture_default_str();
    run_app->add_option_function<std::string>(
                            "--shard", [&shard = options->shard](const std::string& text) { shard = parse_shard(text); },
                            "Run share K of N (e.g. 2/4): the tests, sorted by name, dealt out round-robin (a test stays\n"
                        "with the tests it depends on), so N runners cover every test exactly once; merge their\n"
                        "reports with hiltest report merge");
    add_probe_selector_option(*run_app, options->probe, "Override the suite's probe");
    add_input_variables_option(*run_app, options->parse, "Set a suite variable, NAME=VALUE (used as ${NAME} in paths)");
    run_app->add_option("--seed", options->seed, "Seed for the simulated board, the retry jitter and expect_blink's sampling instants (printed in the reports)")
        ->capture_default_str();
    run_app->add_option("--flash-state", options->flash_state, "With the simulated board: keep its flash in FILE between runs");
    run_app->add_option("--power-cycle", options->power_cycle,
                        "A command that power-cycles the board (last connection resort), e.g. 'uhubctl -l 1-1 -p 2 -a cycle'");
    run_app->add_option("--bench", options->bench,
                        "Run on the boards of this bench file, all at once (docs/bench-format.md): one session per\n"
                        "probe, DIR/<suite>.<board>.json and .junit.xml per board plus the combined DIR/<suite>.json.\n"
                        "Try it without hardware: --bench benches/virtual-quad.json")
        ->check(CLI::ExistingFile);
    run_app->add_option("--boards", options->boards, "With --bench: all (default) or NAME,NAME… of the bench's boards");
    add_connect_mode_option(*run_app, options->connect,
                        "How to attach, instead of the suite's connection.mode: auto (plain, then under reset, a slower\n"
                        "clock, the power-cycle hook), normal (plain attach only) or under-reset (hold NRST while\n"
                        "attaching: for firmware that disables SWD or sleeps)");
    run_app->add_option("--speed", options->speed_khz, "SWD clock in kHz instead of the suite's connection.swd_khz")
        ->check(CLI::Range(5u, 4000u));
    run_app->add_flag("-v,--verbose", options->verbose,
                      "Show what the firmware prints as it arrives, one line per line, named by its channel\n"
                      "(semihosting, uart1..3, rttN; on a bench after the board's [name])");
    run_app->callback([options, &context] { context.exit_code = run(*options); });
}

}  // namespace hiltest::cli
