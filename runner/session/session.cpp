#include "runner/session/session.hpp"

#include <map>
#include <utility>

#include "probe/base/error.hpp"
#include "runner/session/firmware.hpp"
#include "runner/session/step_executor.hpp"
#include "runner/session/step_recovery.hpp"
#include "runner/session/target_link.hpp"
#include "runner/session/test_plan.hpp"

namespace hiltest::session {
namespace {

using reports::Status;

reports::Duration since(Clock& clock, TimePoint start)
{
    return std::chrono::duration_cast<reports::Duration>(clock.now() - start);
}

probe::connect::ConnectMode connect_mode(suite::ConnectionSettings::Mode mode)
{
    switch (mode) {
    case suite::ConnectionSettings::Mode::Normal: return probe::connect::ConnectMode::Plain;
    case suite::ConnectionSettings::Mode::UnderReset: return probe::connect::ConnectMode::UnderReset;
    case suite::ConnectionSettings::Mode::Auto: break;
    }
    return probe::connect::ConnectMode::Auto;
}

probe::connect::ConnectOptions connect_options(const suite::Suite& suite, const ProbeLink& link,
                                               const SessionOptions& session)
{
    probe::connect::ConnectOptions options;
    options.mode = connect_mode(suite.connection.mode);
    options.swd_khz = suite.connection.swd_khz;
    options.retry.max_attempts = static_cast<int>(suite.connection.retries) + 1;
    options.retry.initial_backoff = suite.connection.backoff;
    options.retry.max_backoff = suite.connection.backoff_max;
    options.retry.seed = session.retry_seed;
    options.power_cycle = link.power_cycle;
    options.nrst_wired = link.nrst_wired;
    options.declared_target = link.declared_target.empty() ? suite.target : link.declared_target;
    options.note = session.note;
    return options;
}

reports::SourceRef source_of(const suite::SourceLocation& location)
{
    return {location.file, location.line, location.column};
}

reports::StepResult step_result(const suite::Step& step, Status status, std::string message)
{
    reports::StepResult s;
    s.kind = std::string(step.kind());
    s.name = step.name;
    s.description = step.describe();
    s.status = status;
    s.message = std::move(message);
    s.source = source_of(step.location);
    return s;
}

reports::TestResult test_result(const suite::Test& test, unsigned round, unsigned rounds)
{
    reports::TestResult result;
    result.name = test.name;
    result.source = source_of(test.location);
    if (rounds > 1) {
        result.repetition = round + 1;
        result.repetitions = rounds;
    }
    return result;
}

reports::TestResult not_run(reports::TestResult result, const suite::Test& test, Status status, const std::string& why,
                            std::optional<ErrorKind> kind = std::nullopt)
{
    result.status = status;
    result.message = why;
    if (kind) result.error_kind = std::string(to_string(*kind));
    for (const suite::Step& step : test.steps) result.steps.push_back(step_result(step, Status::Skipped, why));
    return result;
}

nlohmann::json flash_json(const probe::flash::FlashStatistics& s)
{
    nlohmann::json json = {{"image_sha256", s.image_sha256},
                           {"image_bytes", s.image_bytes},
                           {"bytes_written", s.bytes_written},
                           {"pages_touched", s.pages_touched},
                           {"pages_erased", s.pages_erased},
                           {"pages_programmed", s.pages_programmed},
                           {"pages_skipped", s.pages_skipped},
                           {"half_words_programmed", s.half_words_programmed},
                           {"verified", s.verified},
                           {"unlocked", s.unlocked},
                           {"used_loader", s.used_loader},
                           {"duration_ms", std::chrono::duration<double, std::milli>(s.duration).count()},
                           {"chip_floor_ms", std::chrono::duration<double, std::milli>(s.chip_floor).count()},
                           {"kib_per_second", s.kib_per_second()}};
    if (!s.loader_fallback_reason.empty()) json["loader_fallback_reason"] = s.loader_fallback_reason;
    if (s.usb_transactions_known) json["usb_transactions"] = s.usb_transactions;
    return json;
}

// Where the RTT control block is, for a suite that uses RTT: the firmware's _SEGGER_RTT symbol,
// else a scan of the chip's SRAM.
std::optional<probe::rtt::RttLocation> rtt_location(const suite::Suite& suite, const std::optional<Firmware>& firmware)
{
    if (!suite_uses_rtt(suite)) return std::nullopt;
    probe::rtt::RttLocation where;
    if (firmware)
        if (const auto* symbol = firmware->image.find_symbol("_SEGGER_RTT")) where.address = symbol->address;
    return where;
}

class SuiteRun {
public:
    SuiteRun(const suite::Suite& suite, const std::optional<Firmware>& firmware, ProbeLink link,
             const SessionOptions& options)
        : suite_(suite), firmware_(firmware), options_(options), link_(link, connect_options(suite, link, options), suite.semihosting, rtt_location(suite, firmware)),
          recovery_(link_, options.note)
    {
        if (options.output) link_.outputs().listen(options.output);
    }

    reports::SuiteResult run()
    {
        const TestPlan plan = plan_tests(suite_, {options_.filter, options_.repeat, options_.shard_index,
                                                  options_.shard_count});
        check_board_provides(plan, link_.stimulus(), link_.pins() != nullptr);
        check_channels_carried(plan, [this](std::string_view channel) { return link_.outputs().carries(channel); });
        result_.name = suite_.name;
        result_.file = suite_.file.string();
        result_.properties.probe = suite_.probe.to_string();
        result_.properties.target = suite_.target;
        if (firmware_) {
            result_.properties.firmware = firmware_->path;
            result_.properties.firmware_sha256 = firmware_->sha256;
        }
        const TimePoint start = link_.clock().now();
        if (connect_at_start()) {
            run_tests(plan);
        } else {
            // Each test once says why it could not run; its repetitions would only repeat it.
            const Error& why = *recovery_.last_connect_error();
            reports::record_run_error(result_, why.with_remedy(), std::string(to_string(why.kind())));
            for (const suite::Test* test : plan.tests) {
                reports::TestResult result = test_result(*test, 0, plan.rounds);
                record(test->skip_reason.empty()
                           ? not_run(std::move(result), *test, Status::Error, "not run: " + result_.error, why.kind())
                           : not_run(std::move(result), *test, Status::Skipped, "skipped: " + test->skip_reason));
            }
        }
        result_.duration = since(link_.clock(), start);
        result_.connection = link_.statistics().to_json();
        if (link_.connection())
            result_.connection["strategy"] = std::string(probe::connect::to_string(link_.connection()->strategy));
        return std::move(result_);
    }

private:
    bool connect_at_start()
    {
        if (!recovery_.connect({})) return false;
        const probe::connect::Connection& connection = *link_.connection();
        result_.properties.probe_serial = link_.probe().identity().serial;
        result_.properties.target = connection.target.chip_name();
        // Halted at the reset vector by an under-reset attach: the firmware has not started.
        // The suite's first step decides (flash, reset …); one that watches the firmware lets
        // it run first.
        recovery_.set_halted_by_connection(connection.core_halted);
        return true;
    }

    void run_tests(const TestPlan& plan)
    {
        std::size_t started = 0;
        for (unsigned round = 0; round < plan.rounds; ++round) {
            std::map<std::string, Status> outcome;  // of this round: a repetition depends on its own round
            for (const suite::Test* test : plan.tests) {
                if (interrupted()) {
                    // What never started is one count, however large --repeat was.
                    result_.not_run = plan.size() - started;
                    result_.interrupted = true;
                    return;
                }
                ++started;
                reports::TestResult result = run_planned(*test, round, plan.rounds, outcome);
                outcome[test->name] = result.status;
                record(std::move(result));
            }
        }
        if (interrupted()) result_.interrupted = true;
    }

    reports::TestResult run_planned(const suite::Test& test, unsigned round, unsigned rounds,
                                    const std::map<std::string, Status>& outcome)
    {
        reports::TestResult result = test_result(test, round, rounds);
        if (!test.skip_reason.empty()) return not_run(std::move(result), test, Status::Skipped, "skipped: " + test.skip_reason);
        for (const std::string& name : test.depends_on) {
            const auto found = outcome.find(name);
            if (found == outcome.end() || found->second != Status::Passed)
                return not_run(std::move(result), test, Status::Skipped,
                               "skipped: it depends on '" + name + "', which did not pass");
        }
        if (recovery_.link_broken() && !recovery_.reconnect_before(test.name)) {
            const Error& why = *recovery_.last_connect_error();
            return not_run(std::move(result), test, Status::Error,
                           "not run: the connection was lost and could not be restored: " + why.with_remedy(),
                           why.kind());
        }
        run_test(test, result);
        return result;
    }

    void run_test(const suite::Test& test, reports::TestResult& result)
    {
        const TimePoint start = link_.clock().now();
        link_.outputs().begin_test();
        recovery_.begin_test(test.name);
        StepExecutor executor({link_.core(), link_.semihosting(), link_.outputs(), [this] { link_.firmware_restarted(); }, link_.rtt(),
                               [this]() -> probe::flash::Stm32f1Programmer& { return link_.programmer(); }, firmware_,
                               options_.flash_progress, [this] { return link_.probe().counters().commands; },
                               options_.interrupted, options_.retry_seed, link_.stimulus(), link_.pins()});
        bool stop = false;
        for (const suite::Step& step : test.steps) {
            if (stop) {
                result.steps.push_back(step_result(step, Status::Skipped, "not run: an earlier step did not pass"));
                continue;
            }
            if (interrupted()) {
                result.steps.push_back(step_result(step, Status::Interrupted, "interrupted"));
                result.status = Status::Interrupted;
                result.message = "interrupted at step " + std::string(step.kind());
                stop = true;
                continue;
            }
            const TimePoint step_start = link_.clock().now();
            reports::StepResult step_outcome = recovery_.run(executor, test, step);
            step_outcome.duration = since(link_.clock(), step_start);
            if (executor.last_flash()) result_.flash = flash_json(*executor.last_flash());
            if (step_outcome.status != Status::Passed) {
                result.status = step_outcome.status;
                result.error_kind = step_outcome.error_kind;
                result.message = step_outcome.source.to_string() + ": " + step_outcome.message;
                stop = true;
            }
            result.steps.push_back(std::move(step_outcome));
            if (!stop && link_.clock().now() - start > test.timeout) {
                result.status = Status::Error;
                result.error_kind = std::string(to_string(ErrorKind::Timeout));
                result.message = "the test took longer than its timeout of " + std::to_string(test.timeout.count()) + " ms";
                stop = true;
            }
        }
        // What arrived up to the end of the test is the test's; a channel gone now (a serial
        // port closed) fails the test as the bench's error.
        try {
            link_.outputs().poll();
        } catch (const Error& e) {
            if (result.status == Status::Passed || result.status == Status::Failed) {
                result.status = Status::Error;
                result.error_kind = std::string(to_string(e.kind()));
                result.message = e.with_remedy();
            }
        }
        result.outputs = link_.outputs().test_outputs();
        result.duration = since(link_.clock(), start);
    }

    void record(reports::TestResult test)
    {
        if (options_.test_finished) options_.test_finished(test);
        result_.tests.push_back(std::move(test));
    }

    bool interrupted() const { return options_.interrupted && options_.interrupted->load(); }

    const suite::Suite& suite_;
    const std::optional<Firmware>& firmware_;
    const SessionOptions& options_;
    TargetLink link_;
    StepRecovery recovery_;
    reports::SuiteResult result_;
};

}  // namespace

reports::SuiteResult unreachable_probe_result(const suite::Suite& suite, const Error& error)
{
    reports::SuiteResult result;
    result.name = suite.name;
    result.file = suite.file.string();
    result.properties.probe = suite.probe.to_string();
    result.properties.target = suite.target;
    reports::record_run_error(result, error.with_remedy(), std::string(to_string(error.kind())));
    for (const suite::Test& test : suite.tests)
        result.tests.push_back(
            not_run(test_result(test, 0, 1), test, Status::Error, "not run: " + result.error, error.kind()));
    return result;
}

reports::SuiteResult run_suite(const suite::Suite& suite, const std::optional<Firmware>& firmware, ProbeLink link,
                               const SessionOptions& options)
{
    SuiteRun run(suite, firmware, link, options);
    return run.run();
}

reports::SuiteResult run_suite(const suite::Suite& suite, ProbeLink link, const SessionOptions& options)
{
    const std::optional<Firmware> firmware = prepare_firmware(suite);
    check_symbols(suite, firmware);
    return run_suite(suite, firmware, link, options);
}

}  // namespace hiltest::session
