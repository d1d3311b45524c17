#include "runner/session/session.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "probe/arm/cortex_m.hpp"
#include "probe/arm/semihosting.hpp"
#include "probe/base/error.hpp"
#include "probe/connect/connector.hpp"
#include "probe/flash/stm32f1_programmer.hpp"
#include "probe/stlink/stlink_probe.hpp"
#include "runner/session/firmware.hpp"
#include "runner/session/shard_plan.hpp"
#include "runner/session/step_executor.hpp"

namespace hiltest::runner {
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

probe::connect::ConnectOptions connect_options(const suite::Suite& suite, ProbeLink link, uint64_t seed)
{
    probe::connect::ConnectOptions options;
    options.mode = connect_mode(suite.connection.mode);
    options.swd_khz = suite.connection.swd_khz;
    options.retry.max_attempts = static_cast<int>(suite.connection.retries) + 1;
    options.retry.initial_backoff = suite.connection.backoff;
    options.retry.max_backoff = suite.connection.backoff_max;
    options.retry.seed = seed;
    options.power_cycle = link.power_cycle;
    options.nrst_wired = link.nrst_wired;
    options.declared_target = link.declared_target.empty() ? suite.target : link.declared_target;
    return options;
}

// Errors after which the link itself is in doubt: reconnect before the next test.
bool link_lost(ErrorKind kind)
{
    return kind == ErrorKind::TargetNotResponding || kind == ErrorKind::UsbGone || kind == ErrorKind::UsbIo ||
           kind == ErrorKind::UsbTimeout || kind == ErrorKind::LowVoltage;
}

reports::TestResult not_run(const suite::Test& test, Status status, const std::string& why,
                            std::optional<ErrorKind> kind = std::nullopt)
{
    reports::TestResult result;
    result.name = test.name;
    result.status = status;
    if (kind) result.error_kind = std::string(to_string(*kind));
    result.message = why;
    result.source = {test.location.file, test.location.line, test.location.column};
    for (const suite::Step& step : test.steps) {
        reports::StepResult s;
        s.kind = std::string(step.kind());
        s.description = step.describe();
        s.status = status == Status::Interrupted ? Status::Interrupted : Status::Skipped;
        s.message = why;
        s.source = {step.location.file, step.location.line, step.location.column};
        result.steps.push_back(std::move(s));
    }
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

class SuiteRun {
public:
    SuiteRun(const suite::Suite& suite, const std::optional<Firmware>& firmware, ProbeLink link,
             const SessionOptions& options)
        : suite_(suite), firmware_(firmware), link_(link), options_(options), stlink_(link.transport, link.clock),
          connector_(stlink_, link.clock, connect_options(suite, link, options.retry_seed)),
          core_(stlink_, link.clock), semihosting_(core_)
    {
    }

    reports::SuiteResult run()
    {
        result_.name = suite_.name;
        result_.file = suite_.file.string();
        result_.properties.probe = suite_.probe.to_string();
        result_.properties.target = suite_.target;
        const TimePoint start = link_.clock.now();
        if (firmware_) {
            result_.properties.firmware = firmware_->path;
            result_.properties.firmware_sha256 = firmware_->sha256;
        }

        const std::vector<const suite::Test*> selected = select_tests();
        if (!connect()) {
            reports::record_run_error(result_, connect_error_->with_remedy(), std::string(to_string(connect_error_->kind())));
            for (const suite::Test* test : selected)
                record(not_run(*test, Status::Error, "not run: " + result_.error, connect_error_->kind()));
        } else {
            run_tests(selected);
        }
        result_.duration = since(link_.clock, start);
        result_.connection = connector_.statistics().to_json();
        if (connection_) result_.connection["strategy"] = std::string(probe::connect::to_string(connection_->strategy));
        return std::move(result_);
    }

private:
    std::vector<const suite::Test*> select_tests() const
    {
        // Each shard runs its share of the tests in suite order.
        const std::set<std::string> share = tests_in_shard(suite_, options_.shard_index, options_.shard_count);
        std::vector<const suite::Test*> selected;
        for (unsigned round = 0; round < std::max(1u, options_.repeat); ++round)
            for (const suite::Test& test : suite_.tests)
                if (fnmatch(options_.filter.c_str(), test.name.c_str(), 0) == 0 && share.count(test.name))
                    selected.push_back(&test);
        return selected;
    }

    bool connect()
    {
        try {
            connection_ = connector_.connect();
            result_.properties.probe_serial = stlink_.identity().serial;
            result_.properties.target = connection_->target.chip_name();
            programmer_ = std::make_unique<probe::flash::Stm32f1Programmer>(
                core_, probe::flash::geometry_for(connection_->target));
            if (options_.note)
                options_.note("connected: " + connection_->target.description() + " via " +
                              std::string(probe::connect::to_string(connection_->strategy)));
            return true;
        } catch (const Error& e) {
            connect_error_ = e;
            return false;
        }
    }

    void run_tests(const std::vector<const suite::Test*>& tests)
    {
        std::map<std::string, Status> outcome;
        bool need_reconnect = false;
        for (const suite::Test* test : tests) {
            if (interrupted()) {
                record(not_run(*test, Status::Interrupted, "interrupted before it started"));
                continue;
            }
            if (!test->skip_reason.empty()) {
                record(not_run(*test, Status::Skipped, "skipped: " + test->skip_reason));
                continue;
            }
            const auto unmet = std::find_if(test->depends_on.begin(), test->depends_on.end(), [&](const std::string& name) {
                const auto found = outcome.find(name);
                return found == outcome.end() || found->second != Status::Passed;
            });
            if (unmet != test->depends_on.end()) {
                record(not_run(*test, Status::Skipped, "skipped: it depends on '" + *unmet + "', which did not pass"));
                outcome[test->name] = Status::Skipped;
                continue;
            }
            if (need_reconnect) {
                if (!connect()) {
                    record(not_run(*test, Status::Error,
                                   "not run: the connection was lost and could not be restored: " +
                                       connect_error_->with_remedy(),
                                   connect_error_->kind()));
                    outcome[test->name] = Status::Error;
                    continue;
                }
                need_reconnect = false;
            }
            reports::TestResult test_result = run_test(*test, need_reconnect);
            outcome[test->name] = test_result.status;
            record(std::move(test_result));
        }
        if (interrupted()) result_.interrupted = true;
    }

    reports::TestResult run_test(const suite::Test& test, bool& link_broken)
    {
        reports::TestResult result;
        result.name = test.name;
        result.source = {test.location.file, test.location.line, test.location.column};
        const TimePoint start = link_.clock.now();
        const std::size_t output_before = semihosting_.output().size();
        StepExecutor executor({core_, semihosting_, *programmer_, firmware_, options_.flash_progress,
                               [this] { return stlink_.counters().commands; }, options_.interrupted,
                               options_.retry_seed});
        bool stop = false;
        for (const suite::Step& step : test.steps) {
            if (stop) {
                reports::StepResult skipped;
                skipped.kind = std::string(step.kind());
                skipped.description = step.describe();
                skipped.status = Status::Skipped;
                skipped.message = "not run: an earlier step did not pass";
                skipped.source = {step.location.file, step.location.line, step.location.column};
                result.steps.push_back(std::move(skipped));
                continue;
            }
            if (interrupted()) {
                reports::StepResult cut;
                cut.kind = std::string(step.kind());
                cut.description = step.describe();
                cut.status = Status::Interrupted;
                cut.message = "interrupted";
                result.steps.push_back(std::move(cut));
                result.status = Status::Interrupted;
                result.message = "interrupted at step " + std::string(step.kind());
                stop = true;
                continue;
            }
            const TimePoint step_start = link_.clock.now();
            reports::StepResult step_result = run_step(executor, step, link_broken);
            step_result.duration = since(link_.clock, step_start);
            if (executor.last_flash()) result_.flash = flash_json(*executor.last_flash());
            if (step_result.status != Status::Passed && result.status == Status::Passed) {
                result.status = step_result.status;
                result.error_kind = step_result.error_kind;
                result.message = step_result.source.to_string() + ": " + step_result.message;
            }
            if (step_result.status != Status::Passed) stop = true;
            result.steps.push_back(std::move(step_result));

            if (!stop && link_.clock.now() - start > test.timeout) {
                result.status = Status::Error;
                result.error_kind = std::string(to_string(ErrorKind::Timeout));
                result.message = "the test took longer than its timeout of " + std::to_string(test.timeout.count()) + " ms";
                stop = true;
            }
        }
        result.output = semihosting_.output().substr(output_before);
        result.duration = since(link_.clock, start);
        return result;
    }

    // Runs a step; when the link to the target is lost on the way (the firmware disabled SWD,
    // went to deep sleep, the dongle was replugged), reconnects through the connection
    // strategies once and runs the step again.
    reports::StepResult run_step(StepExecutor& executor, const suite::Step& step, bool& link_broken)
    {
        std::string reconnected;
        for (int attempt = 0;; ++attempt) {
            try {
                reports::StepResult result = executor.run(step);
                if (!reconnected.empty()) result.measurements["reconnected"] = reconnected;
                return result;
            } catch (const Error& e) {
                const Error* cause = &e;
                if (attempt == 0 && link_lost(e.kind())) {
                    if (options_.note) options_.note("lost the target (" + std::string(e.what()) + "); reconnecting");
                    if (connect()) {
                        reconnected = std::string(probe::connect::to_string(connection_->strategy));
                        continue;
                    }
                    cause = &*connect_error_;  // says why the link could not be restored
                }
                return failed_step(step, *cause, link_broken);
            }
        }
    }

    reports::StepResult failed_step(const suite::Step& step, const Error& e, bool& link_broken)
    {
        {
            {
                reports::StepResult failed;
                failed.kind = std::string(step.kind());
                failed.description = step.describe();
                failed.status = e.kind() == ErrorKind::Interrupted ? Status::Interrupted : Status::Error;
                failed.error_kind = std::string(to_string(e.kind()));
                failed.name = step.name;
                failed.message = e.with_remedy();
                failed.source = {step.location.file, step.location.line, step.location.column};
                if (link_lost(e.kind())) link_broken = true;
                return failed;
            }
        }
    }

    void record(reports::TestResult test)
    {
        if (options_.test_finished) options_.test_finished(test);
        result_.tests.push_back(std::move(test));
    }

    bool interrupted() const { return options_.interrupted && options_.interrupted->load(); }

    const suite::Suite& suite_;
    const std::optional<Firmware>& firmware_;
    ProbeLink link_;
    const SessionOptions& options_;
    probe::stlink::StlinkProbe stlink_;
    probe::connect::Connector connector_;
    probe::arm::CortexM core_;
    probe::arm::SemihostingService semihosting_;
    std::unique_ptr<probe::flash::Stm32f1Programmer> programmer_;
    std::optional<probe::connect::Connection> connection_;
    std::optional<Error> connect_error_;  // why the last connect failed
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
        result.tests.push_back(not_run(test, Status::Error, "not run: " + result.error, error.kind()));
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

}  // namespace hiltest::runner
