// Link faults of the rig during a step: an infrastructure error, never a firmware verdict. And
// the outage rule of runner/session/step_recovery.hpp: after the link was lost and restored, a
// failed assertion is no verdict on the firmware until the firmware starts again.
#include <gtest/gtest.h>

#include "tests/integration/session/session_on_rig.hpp"

namespace hiltest::testing {
namespace {

using reports::Status;

const std::string kStart = R"({"name": "start", "steps": [{"do": "flash"}, {"do": "reset", "mode": "run"}]})";
const std::string kNormalConnect = R"("connection": {"mode": "normal"}, )";
const std::string kStillRuns = R"({"name": "still runs", "depends_on": ["start"], "steps": [
    {"do": "expect_memory", "symbol": "uptime_ms", "changes": "increases", "interval_ms": 200}]})";

// Simulated time since power-on: the blink window of the test after "start" runs across it.
const std::string kDuringTheBlinkWindow = "t=1500ms";

// Watches PC13 for 3 s expecting `hz` (the firmware blinks at 1 Hz).
std::string blink_step(int hz)
{
    return R"({"do": "expect_blink", "pin": "PC13", "frequency_hz": )" + std::to_string(hz) + R"(, "window_ms": 3000})";
}

// A test after "start" of that one step.
std::string blink_test(const std::string& name, int hz)
{
    return R"({"name": ")" + name + R"(", "depends_on": ["start"], "steps": [)" + blink_step(hz) + "]}";
}

// The suite of these tests: "start", then `then`.
reports::SuiteResult run_after_start(SessionOnRig& session, const std::string& then,
                                     const std::string& connection = kNormalConnect)
{
    return session.run(suite_json("blink_systick.elf", kStart + "," + then, connection));
}

TEST(SessionOnRigLinkFaults, ADebugPortThatStopsAnsweringIsAnErrorAndLaterTestsAreNotRun)
{
    SessionOnRig session(with_faults({"swd-noack@" + kDuringTheBlinkWindow + ",count=1000000"}));
    const reports::SuiteResult run = run_after_start(session, blink_test("blinks", 1) + "," + kStillRuns);

    EXPECT_EQ(exit_code(run), cli::kExitInfrastructure) << summary(run);
    EXPECT_FALSE(any_failed(run)) << summary(run);
    EXPECT_EQ(test_named(run, "start").status, Status::Passed) << summary(run);
    const reports::TestResult& blinks = test_named(run, "blinks");
    EXPECT_EQ(blinks.status, Status::Error) << summary(run);
    EXPECT_EQ(blinks.error_kind, "target-not-responding") << summary(run);
    EXPECT_NE(blinks.message.find("could not be restored"), std::string::npos) << blinks.message;
    const reports::TestResult& still_runs = test_named(run, "still runs");
    EXPECT_EQ(still_runs.status, Status::Error) << summary(run);
    EXPECT_EQ(still_runs.message.rfind("not run: the connection was lost and could not be restored", 0), 0u)
        << still_runs.message;
    ASSERT_EQ(still_runs.steps.size(), 1u);
    EXPECT_EQ(still_runs.steps[0].status, Status::Skipped);
}

TEST(SessionOnRigLinkFaults, AnUnpluggedDongleIsAnErrorOfTheUsbNotOfTheFirmware)
{
    SessionOnRig session(with_faults({"unplug@" + kDuringTheBlinkWindow}));
    const reports::SuiteResult run = run_after_start(session, blink_test("blinks at 2 Hz", 2));

    EXPECT_EQ(exit_code(run), cli::kExitInfrastructure) << summary(run);
    EXPECT_FALSE(any_failed(run)) << "the firmware does blink at 1 Hz, but the dongle was gone\n" << summary(run);
    const reports::TestResult& blinks = test_named(run, "blinks at 2 Hz");
    EXPECT_EQ(blinks.status, Status::Error) << summary(run);
    EXPECT_EQ(blinks.error_kind, "usb-gone") << summary(run);
}

TEST(SessionOnRigLinkFaults, AUsbTimeoutTheSessionRecoversFromRepeatsTheStepAndItPasses)
{
    SessionOnRig session(with_faults({"usb-timeout@" + kDuringTheBlinkWindow}));
    const reports::SuiteResult run = run_after_start(session, blink_test("blinks", 1));

    EXPECT_EQ(exit_code(run), cli::kExitOk) << summary(run);
    const reports::TestResult& blinks = test_named(run, "blinks");
    ASSERT_EQ(blinks.status, Status::Passed) << summary(run);
    EXPECT_EQ(blinks.steps[0].measurements.value("reconnected", ""), "plain") << blinks.steps[0].measurements.dump(2);
    EXPECT_GE(run.connection.value("connections", 0), 2) << run.connection.dump(2);
    bool noted = false;
    for (const std::string& note : session.notes()) noted = noted || note.rfind("lost the target", 0) == 0;
    EXPECT_TRUE(noted) << "the console says that the link was lost and is being restored";
}

TEST(SessionOnRigLinkFaults, AReconnectThatResetTheTargetIsATargetResetErrorAndTheNextTestSeesRunningFirmware)
{
    // Under reset, the reconnect restarts the firmware: the blink test cannot be judged.
    SessionOnRig session(with_faults({"usb-timeout@" + kDuringTheBlinkWindow}));
    const reports::SuiteResult run = run_after_start(session, blink_test("blinks", 1) + "," + kStillRuns,
                                                     R"("connection": {"mode": "under-reset"}, )");

    EXPECT_EQ(exit_code(run), cli::kExitInfrastructure) << summary(run);
    const reports::TestResult& blinks = test_named(run, "blinks");
    EXPECT_EQ(blinks.status, Status::Error) << summary(run);
    EXPECT_EQ(blinks.error_kind, "target-reset") << summary(run);
    EXPECT_NE(blinks.message.find("the firmware restarted"), std::string::npos) << blinks.message;
    EXPECT_EQ(test_named(run, "still runs").status, Status::Passed) << summary(run);
}

// The outage rule. A USB timeout at 1.5 s lets the firmware run unobserved; the step it hit is
// repeated after the reconnect. `then` are the tests after "start".
reports::SuiteResult run_with_outage(const std::string& then)
{
    SessionOnRig session(with_faults({"usb-timeout@" + kDuringTheBlinkWindow}));
    return run_after_start(session, then);
}

TEST(SessionOnRigOutage, AnAssertionThatFailsLaterInTheSameTestIsAnErrorOfTheLossKeepingItsMeasurement)
{
    const reports::SuiteResult run = run_with_outage(blink_test("blinks at 2 Hz", 2));

    EXPECT_EQ(exit_code(run), cli::kExitInfrastructure) << summary(run);
    EXPECT_FALSE(any_failed(run)) << summary(run);
    const reports::TestResult& blinks = test_named(run, "blinks at 2 Hz");
    EXPECT_EQ(blinks.status, Status::Error) << summary(run);
    EXPECT_EQ(blinks.error_kind, "usb-timeout") << summary(run);
    EXPECT_NE(blinks.message.find("not a verdict on the firmware"), std::string::npos) << blinks.message;
    EXPECT_NE(blinks.message.find("earlier in this test"), std::string::npos) << blinks.message;
    ASSERT_EQ(blinks.steps.size(), 1u);
    EXPECT_FALSE(blinks.steps[0].expected.empty()) << "expected and measured are kept";
    EXPECT_FALSE(blinks.steps[0].measured.empty());
}

// "waits" spans the timeout (the expect_memory after it is repeated and passes); "checks"
// continues from the state it left and runs `steps`.
std::string waits_then(const std::string& steps)
{
    return R"({"name": "waits", "depends_on": ["start"], "steps": [
                 {"do": "wait", "ms": 2000},
                 {"do": "expect_memory", "symbol": "uptime_ms", "changes": "increases", "interval_ms": 100}]},
              {"name": "checks", "depends_on": ["waits"], "steps": [)" +
           steps + "]}";
}

TEST(SessionOnRigOutage, AnAssertionThatFailsInALaterTestBeforeTheFirmwareRestartedIsNotAVerdict)
{
    const reports::SuiteResult run = run_with_outage(waits_then(blink_step(2)));

    EXPECT_EQ(exit_code(run), cli::kExitInfrastructure) << summary(run);
    EXPECT_EQ(test_named(run, "waits").status, Status::Passed) << summary(run);
    const reports::TestResult& blinks = test_named(run, "checks");
    EXPECT_EQ(blinks.status, Status::Error) << summary(run);
    EXPECT_EQ(blinks.error_kind, "usb-timeout") << summary(run);
    EXPECT_NE(blinks.message.find("during test 'waits'"), std::string::npos) << blinks.message;
}

TEST(SessionOnRigOutage, APassingAssertionAfterTheOutageStillPasses)
{
    // The rule sets aside failures only: what the firmware demonstrably does is still reported.
    const reports::SuiteResult run = run_with_outage(
        waits_then(blink_step(1)));

    EXPECT_EQ(exit_code(run), cli::kExitOk) << summary(run);
    EXPECT_EQ(test_named(run, "checks").status, Status::Passed) << summary(run);
}

TEST(SessionOnRigOutage, AResetAfterTheOutageMakesTheNextFailureAVerdictAgain)
{
    const reports::SuiteResult run = run_with_outage(waits_then(R"({"do": "reset", "mode": "run"}, )" + blink_step(2)));

    EXPECT_EQ(exit_code(run), cli::kExitTestFailed) << summary(run);
    const reports::TestResult& blinks = test_named(run, "checks");
    EXPECT_EQ(blinks.status, Status::Failed) << summary(run);
    EXPECT_TRUE(blinks.error_kind.empty()) << blinks.error_kind;
}

TEST(SessionOnRigOutage, AFlashAfterTheOutageMakesTheNextFailureAVerdictAgain)
{
    // The programmer resets the chip; `resume` only lets it run, so the flash is what counts.
    const reports::SuiteResult run =
        run_with_outage(waits_then(R"({"do": "flash"}, {"do": "resume"}, )" + blink_step(2)));

    EXPECT_EQ(exit_code(run), cli::kExitTestFailed) << summary(run);
    EXPECT_EQ(test_named(run, "checks").status, Status::Failed) << summary(run);
}

}  // namespace
}  // namespace hiltest::testing
