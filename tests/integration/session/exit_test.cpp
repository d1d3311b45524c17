// expect_exit through the session on the rig: the firmware's own verdict, its semihosting exit.
// exit_status ends with SYS_EXIT_EXTENDED {ApplicationExit, 3}, semihost_hello with SYS_EXIT
// ApplicationExit (status 0), blink_systick never exits. A link lost while the step waits is an
// error of the bench, never "the firmware regressed".
#include <gtest/gtest.h>

#include "tests/integration/session/session_on_rig.hpp"

namespace hiltest::testing {
namespace {

using reports::Status;

const reports::StepResult& last_step(const reports::TestResult& test)
{
    static const reports::StepResult none;
    if (test.steps.empty()) {
        ADD_FAILURE() << "test '" << test.name << "' has no steps";
        return none;
    }
    return test.steps.back();
}

TEST(SessionOnRigExit, TheExitStatusTheStepExpectsPassesAndIsMeasured)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(
        suite_json("exit_status.elf", started_test("exits 3", R"({"do": "expect_exit", "status": 3})")));

    EXPECT_EQ(exit_code(run), cli::kExitOk) << summary(run);
    const reports::TestResult& test = test_named(run, "exits 3");
    ASSERT_EQ(test.status, Status::Passed) << summary(run);
    const reports::StepResult& step = last_step(test);
    EXPECT_EQ(step.kind, "expect_exit");
    EXPECT_EQ(step.expected, "status 3 (ADP_Stopped_ApplicationExit)");
    EXPECT_EQ(step.measured, "status 3 (ADP_Stopped_ApplicationExit)");
    EXPECT_EQ(step.measurements.value("exit_status", -1), 3) << step.measurements.dump(2);
    EXPECT_EQ(step.measurements.value("exit_reason", ""), "0x20026");
    EXPECT_EQ(step.measurements.value("exit_reason_name", ""), "ADP_Stopped_ApplicationExit");
    EXPECT_EQ(test.output(), "exit_status: 3 checks failed\n");
}

TEST(SessionOnRigExit, AnotherStatusIsAFailureNamingBoth)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(
        suite_json("exit_status.elf", started_test("exits 0", R"({"do": "expect_exit", "status": 0})")));

    EXPECT_EQ(exit_code(run), cli::kExitTestFailed) << summary(run);
    const reports::TestResult& test = test_named(run, "exits 0");
    EXPECT_EQ(test.status, Status::Failed) << summary(run);
    EXPECT_EQ(last_step(test).message, "the firmware exited with status 3 (ADP_Stopped_ApplicationExit), expected "
                                       "status 0 (ADP_Stopped_ApplicationExit)");
    EXPECT_EQ(last_step(test).measurements.value("exit_status", -1), 3);
}

TEST(SessionOnRigExit, ThePlainSysExitOfApplicationExitIsStatus0AndAnotherReasonFails)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(suite_json(
        "semihost_hello.elf",
        started_test("exits", R"({"do": "expect_exit"})") + "," +
            started_test("runtime error", R"({"do": "expect_exit", "reason": "RunTimeErrorUnknown"})")));

    EXPECT_EQ(test_named(run, "exits").status, Status::Passed) << summary(run);
    const reports::TestResult& runtime_error = test_named(run, "runtime error");
    EXPECT_EQ(runtime_error.status, Status::Failed) << summary(run);
    EXPECT_EQ(last_step(runtime_error).message,
              "the firmware exited with status 0 (ADP_Stopped_ApplicationExit), expected "
              "ADP_Stopped_RunTimeErrorUnknown (0x20023)");
}

TEST(SessionOnRigExit, FirmwareThatNeverExitsFailsSayingItIsStillRunning)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(suite_json(
        "blink_systick.elf", started_test("exits", R"({"do": "expect_exit", "timeout_ms": 300})")));

    EXPECT_EQ(exit_code(run), cli::kExitTestFailed) << summary(run);
    const reports::StepResult& step = last_step(test_named(run, "exits"));
    EXPECT_EQ(step.status, Status::Failed);
    EXPECT_EQ(step.message, "the firmware did not exit through semihosting within 300 ms, expected status 0 "
                            "(ADP_Stopped_ApplicationExit): it is still running; it printed nothing through semihosting");
    EXPECT_EQ(step.measured, "still running");
    EXPECT_EQ(step.measurements.value("exited", true), false);
}

TEST(SessionOnRigExit, TheSuitesExpectExitJudgesATestWithoutAssertionSteps)
{
    SessionOnRig session;
    const std::string start = R"({"do": "flash"}, {"do": "reset", "mode": "run"})";
    const reports::SuiteResult run = session.run(suite_json(
        "exit_status.elf",
        test_json("inherits", start) + "," + test_json("own default", start).insert(1, R"("expect_exit": {"status": 3}, )") +
            "," + test_json("none", start).insert(1, R"("expect_exit": false, )"),
        R"("expect_exit": {"status": 0}, )"));

    const reports::TestResult& inherits = test_named(run, "inherits");
    EXPECT_EQ(inherits.status, Status::Failed) << summary(run);
    ASSERT_EQ(inherits.steps.size(), 3u);
    EXPECT_EQ(inherits.steps[2].kind, "expect_exit");
    EXPECT_EQ(test_named(run, "own default").status, Status::Passed) << summary(run);
    EXPECT_EQ(test_named(run, "none").status, Status::Passed) << summary(run);
    EXPECT_EQ(test_named(run, "none").steps.size(), 2u);
}

TEST(SessionOnRigExit, AnUnpluggedDongleWhileWaitingIsAnErrorNotAVerdict)
{
    SessionOnRig session(with_faults({"unplug@t=1500ms"}));
    const reports::SuiteResult run = session.run(suite_json(
        "blink_systick.elf", started_test("exits", R"({"do": "expect_exit", "timeout_ms": 3000})"),
        R"("connection": {"mode": "normal"}, )"));

    EXPECT_EQ(exit_code(run), cli::kExitInfrastructure) << summary(run);
    EXPECT_FALSE(any_failed(run)) << summary(run);
    EXPECT_EQ(test_named(run, "exits").error_kind, "usb-gone") << summary(run);
}

TEST(SessionOnRigExit, AFailureAfterALinkOutageIsAnErrorOfTheLoss)
{
    // The step is repeated after the reconnect and the firmware still does not exit; the outage
    // let its time pass unobserved, so that is no verdict on the firmware (step_recovery.hpp).
    SessionOnRig session(with_faults({"usb-timeout@t=1500ms"}));
    const reports::SuiteResult run = session.run(suite_json(
        "blink_systick.elf", started_test("exits", R"({"do": "expect_exit", "timeout_ms": 3000})"),
        R"("connection": {"mode": "normal"}, )"));

    EXPECT_EQ(exit_code(run), cli::kExitInfrastructure) << summary(run);
    EXPECT_FALSE(any_failed(run)) << summary(run);
    EXPECT_EQ(test_named(run, "exits").status, Status::Error) << summary(run);
    EXPECT_EQ(test_named(run, "exits").error_kind, "usb-timeout") << summary(run);
}

}  // namespace
}  // namespace hiltest::testing
