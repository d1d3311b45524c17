// Which semihosting output expect_output sees: what the firmware printed since it last started
// (a flash, a reset, a reconnect that reset the target), never the text of an earlier run. The
// test's captured output, for the reports, still holds everything that arrived during the test.
#include <gtest/gtest.h>

#include "tests/integration/session/session_on_rig.hpp"

namespace hiltest::testing {
namespace {

using reports::Status;

const std::string kGreets =
    R"({"do": "expect_output", "contains": "Hello from the Blue Pill", "timeout_ms": 500})";
// Exactly one greeting: fails if the text of two runs is matched together.
const std::string kGreetsOnce =
    R"({"do": "expect_output", "matches": "^Hello from the [A-Za-z ]+\\n$", "timeout_ms": 500})";

TEST(SessionOnRigOutputWindow, ASecondFlashThatNeverRunsTheFirmwareDoesNotSeeTheFirstTestsGreeting)
{
    // The flash leaves the core halted: the new run prints nothing, so there is nothing to match.
    SessionOnRig session;
    const reports::SuiteResult run = session.run(suite_json(
        "semihost_hello.elf",
        started_test("first", kGreets) + "," + test_json("second", R"({"do": "flash"}, )" + kGreets)));

    EXPECT_EQ(test_named(run, "first").status, Status::Passed) << summary(run);
    const reports::TestResult& second = test_named(run, "second");
    EXPECT_EQ(second.status, Status::Failed) << summary(run);
    EXPECT_EQ(exit_code(run), cli::kExitTestFailed) << summary(run);
    EXPECT_TRUE(second.output().empty()) << second.output();
    ASSERT_EQ(second.steps.size(), 2u);
    const reports::StepResult& step = second.steps[1];
    EXPECT_EQ(step.measurements.value("output_bytes", 1u), 0u) << step.measurements.dump(2);
    EXPECT_EQ(step.measured, "") << "what arrived in this firmware run";
    EXPECT_EQ(step.message,
              "the semihosting output since the firmware last started does not contain the text "
              "within 500 ms");
}

TEST(SessionOnRigOutputWindow, AResetToHaltBetweenTwoExpectOutputStepsHidesTheEarlierGreeting)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(
        suite_json("semihost_hello.elf",
                   started_test("greets", kGreets + R"(, {"do": "reset", "mode": "halt"}, )" + kGreets)));

    const reports::TestResult& greets = test_named(run, "greets");
    EXPECT_EQ(greets.status, Status::Failed) << summary(run);
    ASSERT_EQ(greets.steps.size(), 5u);
    EXPECT_EQ(greets.steps[2].status, Status::Passed) << summary(run);
    EXPECT_EQ(greets.steps[4].status, Status::Failed) << summary(run);
    EXPECT_EQ(greets.steps[4].measurements.value("output_bytes", 1u), 0u)
        << greets.steps[4].measurements.dump(2);
    EXPECT_EQ(greets.output(), kHello) << "the reports keep the greeting of the first run";
}

TEST(SessionOnRigOutputWindow, AResetToRunBetweenTwoExpectOutputStepsWaitsForTheRestartedFirmwaresGreeting)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(suite_json(
        "semihost_hello.elf",
        started_test("greets twice", kGreetsOnce + R"(, {"do": "reset", "mode": "run"}, )" + kGreetsOnce)));

    const reports::TestResult& greets = test_named(run, "greets twice");
    ASSERT_EQ(greets.status, Status::Passed) << summary(run);
    EXPECT_EQ(greets.output(), kHello + kHello) << "both runs' greetings were serviced and captured";
    ASSERT_EQ(greets.steps.size(), 5u);
    EXPECT_EQ(greets.steps[4].measurements.value("output_bytes", 0u), kHello.size())
        << greets.steps[4].measurements.dump(2);
}

TEST(SessionOnRigOutputWindow, ATestThatDoesNotRestartTheFirmwareStillSeesTheGreetingOfThisRun)
{
    // The greeting came during "boots"; "still the same run" does not restart the firmware, so it
    // is this run's output (and was captured by the test it arrived in).
    SessionOnRig session;
    const reports::SuiteResult run =
        session.run(suite_json("semihost_hello.elf", started_test("boots", kGreets) + "," +
                                                         test_json("still the same run", kGreetsOnce)));

    EXPECT_EQ(exit_code(run), cli::kExitOk) << summary(run);
    EXPECT_EQ(test_named(run, "boots").output(), kHello);
    const reports::TestResult& same_run = test_named(run, "still the same run");
    ASSERT_EQ(same_run.status, Status::Passed) << summary(run);
    EXPECT_TRUE(same_run.output().empty()) << same_run.output();
    ASSERT_EQ(same_run.steps.size(), 1u);
    EXPECT_EQ(same_run.steps[0].measurements.value("output_bytes", 0u), kHello.size());
}

TEST(SessionOnRigOutputWindow, AReconnectThatResetTheTargetStartsTheWindowAgain)
{
    // A USB timeout at 1.5 s of simulated time hits the expect_memory after the wait; the
    // reconnect under reset restarts the firmware, which greets again when it is let run.
    SessionOnRig session(with_faults({"usb-timeout@t=1500ms"}));
    const reports::SuiteResult run = session.run(suite_json(
        "semihost_hello.elf",
        started_test("boots", kGreets) + "," + test_json("loses the link", R"({"do": "wait", "ms": 2000},
                                                    {"do": "expect_memory", "symbol": "hello_done", "equals": 1})") +
            "," + test_json("greets again", kGreetsOnce),
        R"("connection": {"mode": "under-reset"}, )"));

    EXPECT_EQ(test_named(run, "loses the link").error_kind, "target-reset") << summary(run);
    const reports::TestResult& again = test_named(run, "greets again");
    ASSERT_EQ(again.status, Status::Passed) << summary(run);
    EXPECT_EQ(again.output(), kHello) << "the restarted firmware's greeting, serviced in this test";
}

}  // namespace
}  // namespace hiltest::testing
