// End to end: the output channels through the hiltest binary on the simulated board —
// expect_output on a USART with lines and not_contains, the per-channel capture in the reports,
// --verbose showing the output live, and a channel the board does not have refused up front.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "tests/support/rtt_log_text.hpp"
#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
using OutputChannels = RunCommandTest;

constexpr int kExitTestFailed = 1;  // runner/cli/exit_code.hpp
constexpr int kExitUsage = 2;

std::string uart_echo_suite(const std::string& name, const std::string& expect)
{
    return R"({"name": ")" + name + R"(", "probe": "sim", "firmware": ")" + kFirmware + R"(/uart_echo.elf",
        "tests": [{"name": "greets", "steps": [{"do": "flash"}, {"do": "reset"}, )" + expect + R"(]}]})";
}

TEST_F(OutputChannels, TheGreetingOnUsart1IsCheckedAndCapturedWithItsTime)
{
    const std::string suite = write_suite("greets", uart_echo_suite("greets",
        R"({"do": "expect_output", "source": "uart1", "lines": ["hello", "from uart_echo"], "timeout_ms": 200},
           {"do": "expect_output", "source": "uart1", "contains": "uart_echo", "not_contains": ["panic", "error"], "timeout_ms": 50})"));
    const CommandResult result = run(suite);
    ASSERT_EQ(result.exit_code, kExitTestFailed) << result.output;
    const json test = report("greets")["runs"][0]["tests"][0];
    // Both expected texts are in one line of output: one output line holds one expected line.
    EXPECT_EQ(test["steps"][2]["status"], "failed") << test.dump(2);
    EXPECT_EQ(test["steps"][2]["measurements"]["lines_found"], 1);
    EXPECT_NE(test["steps"][2]["message"].get<std::string>().find("has 1 of the 2 lines in order"), std::string::npos);
    expect_valid_junit("greets");
}

TEST_F(OutputChannels, ForbiddenTextFailsTheStepAndTheReportHoldsTheChannel)
{
    const std::string suite = write_suite("forbidden", uart_echo_suite("forbidden",
        R"({"do": "expect_output", "source": "uart1", "not_contains": "uart_echo", "timeout_ms": 200})"));
    const CommandResult result = run(suite);
    ASSERT_EQ(result.exit_code, kExitTestFailed) << result.output;
    const json test = report("forbidden")["runs"][0]["tests"][0];
    EXPECT_EQ(test["steps"][2]["message"],
              "the uart1 output since the firmware last started contains \"uart_echo\", which it must not");
    ASSERT_EQ(test["outputs"].size(), 1u) << test.dump(2);
    EXPECT_EQ(test["outputs"][0]["channel"], "uart1");
    EXPECT_EQ(test["outputs"][0]["lines"][0]["text"], "hello from uart_echo\n");
    EXPECT_GT(test["outputs"][0]["lines"][0]["at_ms"].get<double>(), 0.0);
    EXPECT_FALSE(test.contains("output")) << "nothing came through semihosting";
}

TEST_F(OutputChannels, VerboseShowsTheFirmwaresLinesAsTheyArrive)
{
    const std::string suite = write_suite("verbose", uart_echo_suite("verbose",
        R"({"do": "expect_output", "source": "uart1", "contains": "hello", "timeout_ms": 200})"));
    const CommandResult quiet = run(suite);
    EXPECT_EQ(quiet.exit_code, 0) << quiet.output;
    EXPECT_EQ(quiet.output.find("uart1 | hello from uart_echo"), std::string::npos) << quiet.output;
    const CommandResult verbose = run(suite, {"--verbose"});
    EXPECT_EQ(verbose.exit_code, 0) << verbose.output;
    EXPECT_NE(verbose.output.find("    uart1 | hello from uart_echo\n  PASS  greets"), std::string::npos) << verbose.output;
}

TEST_F(OutputChannels, AChannelTheBoardDoesNotHaveIsASuiteErrorBeforeAnythingRuns)
{
    const std::string suite = write_suite("no-uart", R"({"name": "no-uart", "probe": "stlink:NOSUCHPROBE",
        "firmware": ")" + kFirmware + R"(/uart_echo.elf",
        "tests": [{"name": "greets", "steps": [{"do": "expect_output", "source": "uart2", "contains": "x"}]}]})");
    const CommandResult result = run(suite);
    EXPECT_EQ(result.exit_code, kExitUsage) << result.output;
    EXPECT_NE(result.output.find("uses the output channel \"uart2\", which this board does not have"), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("\"uart\": {\"port\""), std::string::npos) << "the remedy says how to name the port";
}

TEST_F(OutputChannels, The64KLogThroughA1KRttBufferArrivesCompleteAndInOrder)
{
    const CommandResult result = run(testsuite("rtt-channels"));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const json test = report("rtt-channels")["runs"][0]["tests"][0];
    std::string received;
    for (const json& output : test["outputs"])
        if (output["channel"] == "rtt0")
            for (const json& line : output["lines"]) received += line["text"].get<std::string>();
    const std::string expected = rtt_log_expected_text();
    ASSERT_EQ(expected.size(), 65536u);
    EXPECT_EQ(received.size(), expected.size());
    EXPECT_TRUE(received == expected) << "the first difference is at byte "
                                      << std::mismatch(received.begin(), received.end(), expected.begin(), expected.end()).first - received.begin();
    expect_valid_junit("rtt-channels");
}

}  // namespace
}  // namespace hiltest
