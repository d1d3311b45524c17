// Semihosting through the session on the rig: the firmware's SYS_WRITE0 text reaches
// expect_output and the test's captured output; text that never comes is a failed assertion.
#include <gtest/gtest.h>

#include "tests/integration/session/session_on_rig.hpp"

namespace hiltest::testing {
namespace {

using reports::Status;

TEST(SessionOnRigSemihosting, TheHelloFirmwaresTextIsFoundAndCapturedAndItsExitIsReported)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(suite_json("semihost_hello.elf", started_test("says hello", R"(
           {"do": "expect_output", "contains": "Hello from the Blue Pill", "timeout_ms": 1000},
           {"do": "expect_output", "matches": "^Hello from the [A-Za-z ]+\\n$"},
           {"do": "wait", "ms": 50},
           {"do": "expect_memory", "symbol": "hello_done", "equals": 1})")));

    EXPECT_EQ(exit_code(run), cli::kExitOk) << summary(run);
    const reports::TestResult& hello = test_named(run, "says hello");
    ASSERT_EQ(hello.status, Status::Passed) << summary(run);
    EXPECT_EQ(hello.output(), kHello);
    ASSERT_EQ(hello.steps.size(), 6u);
    EXPECT_EQ(hello.steps[2].measurements.value("output_bytes", 0u), kHello.size());
    EXPECT_EQ(hello.steps[4].measurements.value("exit_code", -1), 0) << hello.steps[4].measurements.dump(2);
}

TEST(SessionOnRigSemihosting, TextThatNeverComesIsFailedWithWhatDidCome)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(suite_json(
        "semihost_hello.elf", started_test("says goodbye", R"({"do": "expect_output", "contains": "Goodbye", "timeout_ms": 1000})")));

    EXPECT_EQ(exit_code(run), cli::kExitTestFailed) << summary(run);
    const reports::TestResult& goodbye = test_named(run, "says goodbye");
    EXPECT_EQ(goodbye.status, Status::Failed) << summary(run);
    ASSERT_EQ(goodbye.steps.size(), 3u);
    const reports::StepResult& step = goodbye.steps[2];
    EXPECT_EQ(step.expected, "output containing \"Goodbye\"");
    EXPECT_EQ(step.measured, kHello);
    EXPECT_EQ(step.message,
              "the semihosting output since the firmware last started does not contain the text within 1000 ms");
}

TEST(SessionOnRigSemihosting, FirmwareThatNeverPrintsFailsTheRegexWithNoOutput)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(suite_json(
        "blink_systick.elf", started_test("prints", R"({"do": "expect_output", "matches": "Hello", "timeout_ms": 300})")));

    EXPECT_EQ(exit_code(run), cli::kExitTestFailed) << summary(run);
    const reports::TestResult& prints = test_named(run, "prints");
    EXPECT_EQ(prints.status, Status::Failed) << summary(run);
    EXPECT_TRUE(prints.output().empty()) << prints.output();
    ASSERT_EQ(prints.steps.size(), 3u);
    EXPECT_EQ(prints.steps[2].measurements.value("output_bytes", 1u), 0u);
    EXPECT_EQ(prints.steps[2].message,
              "the semihosting output since the firmware last started does not contain the pattern within 300 ms");
}

}  // namespace
}  // namespace hiltest::testing
