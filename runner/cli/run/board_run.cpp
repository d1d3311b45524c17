#include "runner/cli/run/board_run.hpp"

#include <algorithm>

#include <ctime>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "probe/base/error.hpp"
#include "reports/console_writer.hpp"
#include "reports/output_echo.hpp"
#include "runner/bench/board_hooks.hpp"
#include "runner/cli/backend/sim_backend.hpp"
#include "runner/cli/backend/usb_backend.hpp"
#include "runner/cli/exit_code.hpp"
#include "runner/cli/run/hook_stimulus.hpp"
#include "runner/cli/run/prefixed_output.hpp"
#include "runner/session/serial_source.hpp"
#include "runner/session/test_plan.hpp"

namespace hiltest::cli {
namespace {

std::string utc_now()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

// What the backend keeps after the session (the simulated flash) is saved here, not in its
// destructor: a failed save is the run's error, in the reports and (suite_finished) on the console.
void finish_backend(ProbeBackend& backend, reports::SuiteResult& result)
{
    try {
        backend.finish();
    } catch (const Error& e) {
        reports::record_run_error(result, e.with_remedy(), std::string(to_string(e.kind())));
    }
}

}  // namespace

bench::BoardSpec implicit_board(const suite::Suite& suite, const std::string& power_cycle_command)
{
    bench::BoardSpec board;
    board.probe = suite.probe;
    if (!power_cycle_command.empty()) board.power_cycle = bench::power_cycle_hook(power_cycle_command);
    return board;
}

reports::SuiteResult run_board(const suite::Suite& suite, const std::optional<session::Firmware>& firmware,
                               const bench::Bench& bench, const bench::BoardSpec& board, BoardRunOptions options,
                               std::ostream& out)
{
    reports::ConsoleReporter console(out, reports::ConsoleOptions{options.colour, options.terminal});
    session::SessionOptions& session_options = options.session;
    std::optional<reports::OutputEcho> echo;
    if (options.verbose) {
        echo.emplace(out);
        session_options.output = [&echo](std::string_view channel, std::string_view bytes) { echo->received(channel, bytes); };
    }
    session_options.test_finished = [&console, &echo](const reports::TestResult& test) {
        if (echo) echo->flush();  // a test's last unterminated line shows before its verdict
        console.test_finished(test);
    };
    session_options.flash_progress = [&console](const probe::flash::FlashProgress& progress) {
        if (progress.phase == probe::flash::FlashPhase::Program) console.flash_progress(progress.done, progress.total);
    };
    session_options.note = [&out](const std::string& text) { out << "  " << text << "\n" << std::flush; };


    const std::string started_at = utc_now();
    bench::BoardHooks hooks(bench, board);
    // A mistake in the simulated board's setup (fault spec, pin, image) is found before any hook runs.
    std::shared_ptr<const SimBackendOptions> sim;
    if (board.is_simulated()) sim = simulated_board_options(suite, board, options.seed, options.flash_state);
    // So is a test this board cannot carry out (a set_pin on a real board without the hook, a
    // logic analyser it does not have).
    HookStimulus stimulus(hooks, board.is_simulated());
    const session::TestPlan plan = session::plan_tests(
        suite, {session_options.filter, session_options.repeat, session_options.shard_index, session_options.shard_count});
    session::check_board_provides(plan, &stimulus, board.is_simulated());
    // And an output channel it does not have: a real board's USART needs a serial port named for it.
    const std::vector<suite::SerialPortSpec>& serial_ports = board.uart.empty() ? suite.uart : board.uart;
    session::check_channels_carried(plan, [&](std::string_view channel) {
        if (channel == "semihosting" || channel.starts_with("rtt")) return true;
        if (board.is_simulated()) return channel == "uart1" || channel == "uart2" || channel == "uart3";
        return std::any_of(serial_ports.begin(), serial_ports.end(), [&](const suite::SerialPortSpec& port) {
            return channel == "uart" + std::to_string(port.usart);
        });
    });
    console.suite_started(suite.name, suite.tests.size(), board.probe.to_string());

    reports::SuiteResult result;
    std::unique_ptr<ProbeBackend> backend;
    try {
        const auto before = hooks.run(bench::HookKind::Before);
        if (before && !before->succeeded()) throw hooks.failure(*before);
        backend = sim ? make_sim_backend(*sim, true) : make_usb_backend(board.probe);
        probe::connect::PowerCycleHook* power_cycle = nullptr;
        if (board.power_cycle) {
            ProbeBackend* owner = backend.get();
            power_cycle = hooks.power_cycle(backend->clock(), [owner] {
                // On the virtual bench the command stands for the switch; the simulated supply follows it.
                if (probe::connect::PowerCycleHook* supply = owner->power_cycle()) supply->power_cycle();
            });
        } else if (sim && options.simulated_supply_switch) {
            power_cycle = backend->power_cycle();
        }
        stimulus.attach(backend->stimulus());
        // A real board's USARTs are read through the serial ports named for them, opened before
        // connecting: a port that cannot be opened is the bench's error, before anything runs.
        std::vector<session::OutputSource*> outputs = backend->outputs();
        std::vector<std::unique_ptr<session::SerialSource>> serial;
        if (!board.is_simulated()) serial = session::open_serial_ports(serial_ports);
        for (const auto& port : serial) outputs.push_back(port.get());
        session::ProbeLink link{backend->transport(), backend->clock(), power_cycle, board.nrst_wired, board.target,
                                &stimulus, backend->pins(), outputs};
        result = session::run_suite(suite, firmware, link, session_options);
    } catch (const Error& e) {
        // Mistakes in the command line or the suite are the user's to fix, not this board's.
        if (exit_code_for(e.kind()) == kExitUsage) throw;
        result = session::unreachable_probe_result(suite, e);
    }
    if (backend) {
        result.warnings = backend->warnings();
        finish_backend(*backend, result);  // after a lost connection too, as before
        backend.reset();                   // the probe is released before the after hook, as before
    }
    // The after hook runs whatever happened before: it usually switches the board off.
    const auto after = hooks.run(bench::HookKind::After);
    if (after && !after->succeeded() && result.error.empty()) {
        const Error failure = hooks.failure(*after);
        reports::record_run_error(result, failure.with_remedy(), std::string(to_string(failure.kind())));
    }

    result.board = board.name;
    result.started_at = started_at;
    result.hooks = hooks.to_json();
    result.properties.hiltest_version = HILTEST_VERSION;
    if (sim) result.properties.seed = simulated_board_seed(*sim);
    if (echo) echo->flush();
    console.suite_finished(result);
    return result;
}

std::vector<reports::SuiteResult> run_boards(const suite::Suite& suite, const std::optional<session::Firmware>& firmware,
                                             const bench::Bench& bench, const std::vector<const bench::BoardSpec*>& boards,
                                             const BoardRunOptions& options, std::ostream& console)
{
    std::vector<reports::SuiteResult> results(boards.size());
    std::vector<std::exception_ptr> failures(boards.size());
    std::mutex console_lock;
    {
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < boards.size(); ++i) {
            threads.emplace_back([&, i] {
                PrefixedOutput out(console, console_lock, "[" + boards[i]->name + "] ");
                try {
                    results[i] = run_board(suite, firmware, bench, *boards[i], options, out.stream());
                } catch (...) {
                    failures[i] = std::current_exception();
                }
            });
        }
    }
    for (const std::exception_ptr& failure : failures)
        if (failure) std::rethrow_exception(failure);
    return results;
}

}  // namespace hiltest::cli
