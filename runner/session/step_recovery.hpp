#pragma once
// What the session does when the link to the target is lost: reconnect through the strategies
// and tell the truth about what that did to the firmware. The rules, in the order they apply:
//
// - A step whose link is lost is repeated once after a reconnect that did not disturb the core
//   (the core runs or stays halted as the suite left it); a measurement the loss cut short is
//   made again from the start. Single-stepping is not repeated: how far it got is unknown.
// - A reconnect that reset the target (under reset, a power cycle, or a reset found on
//   attaching: brownout, watchdog) restarted the firmware. Only `flash` and `reset` steps
//   carry on after that (they reset the target themselves); any other step ends its test as
//   an error of kind target-reset, never as an assertion failure, and the core is let run so
//   the following tests see running firmware.
// - A reconnect that fails ends the step as an error with the connection's diagnosis; the
//   next test tries to connect again before it starts.
// - Once the link was lost and restored, an assertion that fails later is no verdict on the
//   firmware until the firmware starts again (a passed `reset` or `flash` step, or a reconnect
//   that reset the target): the outage let its time pass unobserved (a USB timeout alone is
//   seconds), and tests that continue from the state earlier tests left see that time too. It
//   ends the test as an error of the loss's kind, expected and measured kept, so a flaky cable
//   never reads as a regression.
// - An under-reset attach leaves the core halted at the reset vector. A step that only
//   watches the firmware (not flash, reset, halt, resume, step, run_until) lets it run first.
#include <functional>
#include <optional>
#include <string>

#include "probe/base/error.hpp"
#include "reports/result.hpp"
#include "runner/session/step_executor.hpp"
#include "runner/session/target_link.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::session {

class StepRecovery {
public:
    StepRecovery(TargetLink& link, std::function<void(const std::string&)> note);

    // Connects; false when it could not (last_connect_error() says why).
    bool connect(const probe::connect::ConnectContext& context);
    // Before `test`, after an earlier step lost the link. A reset on the way restarted the
    // firmware between two tests: it is let run, and the note says so.
    bool reconnect_before(const std::string& test);
    bool link_broken() const { return link_broken_; }
    const std::optional<Error>& last_connect_error() const { return connect_error_; }
    void set_halted_by_connection(bool halted) { halted_by_connection_ = halted; }

    // A test starts (the outage rule above looks back past test boundaries).
    void begin_test(const std::string& test) { test_ = test; }
    // Runs the step under the rules above. Errors become a StepResult with status Error (or
    // Interrupted); assertion failures come back from the executor as Failed.
    reports::StepResult run(StepExecutor& executor, const suite::Test& test, const suite::Step& step);

private:
    void before_step(const suite::Step& step);
    void after_step(const suite::Step& step);
    // After a reconnect that reset the target: let the restarted firmware run.
    void let_firmware_run();
    // After a reconnect that did not reset it: the core runs or is halted as the suite left it.
    void restore_run_state(const probe::connect::Connection& connection);
    void note(const std::string& text) const;

    TargetLink& link_;
    std::function<void(const std::string&)> note_;
    std::optional<Error> connect_error_;
    bool link_broken_ = false;
    bool halted_by_connection_ = false;  // halted by an under-reset attach, not by the suite
    bool halted_by_suite_ = false;       // the suite's last run-control step left the core halted
    // A link loss recovered from since the firmware last started, and the test it happened in.
    struct Outage {
        Error loss;
        std::string test;
    };
    std::optional<Outage> outage_;
    std::optional<Error> last_loss_;  // what broke the link when a step could not restore it
    std::string test_;                // the test now running
};

// Errors after which the link itself is in doubt: reconnect.
bool link_lost(ErrorKind kind);

// The step's error as a result: status Error (Interrupted for an interruption), kind, message.
reports::StepResult failed_step(const suite::Step& step, const Error& error);

}  // namespace hiltest::session
