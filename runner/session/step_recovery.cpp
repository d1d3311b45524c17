#include "runner/session/step_recovery.hpp"

#include <type_traits>
#include <variant>

namespace hiltest::session {
namespace {

using reports::Status;

template <class... Kinds>
bool is_one_of(const suite::Step& step)
{
    return (std::holds_alternative<Kinds>(step.action) || ...);
}

// Steps that decide by themselves whether the core runs.
bool controls_run_state(const suite::Step& step)
{
    return is_one_of<suite::FlashStep, suite::ResetStep, suite::HaltStep, suite::ResumeStep, suite::SingleStep,
                     suite::RunUntilStep>(step);
}

// Steps that reset the target themselves: a reset on the way changes nothing they promise.
bool survives_target_reset(const suite::Step& step)
{
    return is_one_of<suite::FlashStep, suite::ResetStep>(step);
}

// Doing the step twice does what doing it once does (single-stepping and sending bytes do not).
bool can_repeat(const suite::Step& step)
{
    return !is_one_of<suite::SingleStep, suite::UartSendStep>(step);
}

std::optional<bool> leaves_core_halted(const suite::Step& step)
{
    if (is_one_of<suite::HaltStep, suite::SingleStep, suite::RunUntilStep, suite::FlashStep>(step)) return true;
    if (is_one_of<suite::ResumeStep>(step)) return false;
    if (const auto* reset = std::get_if<suite::ResetStep>(&step.action)) return reset->mode == suite::ResetStep::Mode::Halt;
    return std::nullopt;
}

Error target_reset_error(const probe::connect::Connection& connection, const Error& lost)
{
    const std::string how =
        connection.reset_seen && !connection.nrst_effective && connection.strategy != probe::connect::Strategy::PowerCycle
            ? "the target reset by itself while the link was down (a brownout, a power loss or its watchdog)"
            : "the target was reset while reconnecting (" + std::string(probe::connect::to_string(connection.strategy)) +
                  ")";
    return Error(ErrorKind::TargetReset,
                 how + " after the link was lost (" + lost.what() +
                     "): the firmware restarted, so what this test had set up is gone",
                 "the firmware runs again for the next tests; if this keeps happening, check the USB cable, the SWD "
                 "wiring and the board's supply, or connect under reset from the start (--connect under-reset)");
}

// An assertion that failed after an outage since the firmware started: kept as measured, but an
// error.
void set_aside_after_outage(reports::StepResult& result, const Error& loss, const std::string& where)
{
    result.status = Status::Error;
    result.error_kind = std::string(to_string(loss.kind()));
    result.message += " — not a verdict on the firmware: the link was lost and restored " + where + " (" +
                      std::string(loss.what()) +
                      "), so the firmware ran unobserved for a while; run the test again (and check the USB cable and "
                      "SWD wiring if this repeats)";
}

}  // namespace

bool link_lost(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::TargetNotResponding:
    case ErrorKind::UsbGone:
    case ErrorKind::UsbIo:
    case ErrorKind::UsbTimeout:
    case ErrorKind::LowVoltage:
    case ErrorKind::LinkNoise:
    case ErrorKind::ProbeProtocol:
        return true;
    default:
        return false;
    }
}

reports::StepResult failed_step(const suite::Step& step, const Error& error)
{
    reports::StepResult failed;
    failed.kind = std::string(step.kind());
    failed.name = step.name;
    failed.description = step.describe();
    failed.status = error.kind() == ErrorKind::Interrupted ? Status::Interrupted : Status::Error;
    failed.error_kind = std::string(to_string(error.kind()));
    failed.message = error.with_remedy();
    failed.source = {step.location.file, step.location.line, step.location.column};
    return failed;
}

StepRecovery::StepRecovery(TargetLink& link, std::function<void(const std::string&)> note)
    : link_(link), note_(std::move(note))
{
}

void StepRecovery::note(const std::string& text) const
{
    if (note_) note_(text);
}

bool StepRecovery::connect(const probe::connect::ConnectContext& context)
{
    try {
        const probe::connect::Connection& connection = link_.connect(context);
        note("connected: " + connection.target.description() + " via " +
             std::string(probe::connect::to_string(connection.strategy)));
        link_broken_ = false;
        return true;
    } catch (const Error& e) {
        connect_error_ = e;
        link_broken_ = true;
        return false;
    }
}

bool StepRecovery::reconnect_before(const std::string& test)
{
    if (!connect({test, "(before the test)"})) return false;
    try {
        const probe::connect::Connection& connection = *link_.connection();
        if (connection.target_was_reset()) {
            note("the target was reset while reconnecting: the firmware restarted before this test");
            let_firmware_run();
        } else {
            restore_run_state(connection);
            if (last_loss_) outage_ = Outage{*last_loss_, test};
        }
        return true;
    } catch (const Error& e) {
        connect_error_ = e;
        link_broken_ = true;
        return false;
    }
}

void StepRecovery::let_firmware_run()
{
    link_.core().resume();
    halted_by_connection_ = false;
    halted_by_suite_ = false;
    outage_.reset();
}

void StepRecovery::restore_run_state(const probe::connect::Connection& connection)
{
    if (connection.core_halted && !halted_by_suite_) link_.core().resume();
}

void StepRecovery::before_step(const suite::Step& step)
{
    if (!halted_by_connection_) return;
    halted_by_connection_ = false;
    if (!controls_run_state(step)) link_.core().resume();
}

void StepRecovery::after_step(const suite::Step& step)
{
    if (const std::optional<bool> halted = leaves_core_halted(step)) halted_by_suite_ = *halted;
}

reports::StepResult StepRecovery::run(StepExecutor& executor, const suite::Test& test, const suite::Step& step)
{
    std::string reconnected;
    for (int attempt = 0;; ++attempt) {
        try {
            before_step(step);
            reports::StepResult result = executor.run(step, attempt > 0);
            result.name = step.name;
            after_step(step);
            if (!reconnected.empty()) result.measurements["reconnected"] = reconnected;
            if (result.status == Status::Failed && outage_) {
                set_aside_after_outage(result, outage_->loss,
                                       outage_->test == test.name ? "earlier in this test"
                                                                  : "during test '" + outage_->test +
                                                                        "', since when the firmware has not restarted");
            }
            // The firmware starts again: earlier outages no longer shape what it does.
            if (result.status == Status::Passed && survives_target_reset(step)) outage_.reset();
            return result;
        } catch (const Error& lost) {
            if (!link_lost(lost.kind())) return failed_step(step, lost);
            if (attempt > 0 || !can_repeat(step)) {
                link_broken_ = true;
                last_loss_ = lost;
                return failed_step(step, lost);
            }
            note("lost the target (" + std::string(lost.what()) + "); reconnecting");
            if (!connect({test.name, step.describe()})) {
                last_loss_ = lost;
                const Error& why = *connect_error_;
                return failed_step(step, Error(why.kind(),
                                               "the link was lost (" + std::string(lost.what()) +
                                                   ") and could not be restored: " + why.what(),
                                               why.remedy()));
            }
            const probe::connect::Connection& connection = *link_.connection();
            reconnected = std::string(probe::connect::to_string(connection.strategy));
            try {
                if (connection.target_was_reset()) {
                    if (survives_target_reset(step)) continue;
                    let_firmware_run();
                    return failed_step(step, target_reset_error(connection, lost));
                }
                restore_run_state(connection);
                outage_ = Outage{lost, test.name};
            } catch (const Error& again) {
                link_broken_ = true;
                return failed_step(step, again);
            }
        }
    }
}

}  // namespace hiltest::session
