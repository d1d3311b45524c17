// The GoogleTest parser: RUN / OK / FAILED / SKIPPED, failure messages with file:line, the end
// lines and the listing after them.
#include <gtest/gtest.h>

#include "runner/ontarget/tests/feeding.hpp"
#include "runner/ontarget/tests/transcripts.hpp"

namespace hiltest::ontarget {
namespace {

using testing::parse_whole;

TEST(OntargetGoogleTest, ReadsEveryCaseOnceDespiteTheListing)
{
    const TestRun run = parse_whole(OutputFormat::GoogleTest, testing::gtest_run);
    ASSERT_EQ(run.cases.size(), 4u);
    EXPECT_EQ(run.cases[0], (CaseResult{"RingBuffer", "PushThenPop", Outcome::Passed, "", "", {}, 0.0}));
    // The firmware's "ring: underflow" before the failure line is not part of the message.
    EXPECT_EQ(run.cases[1], (CaseResult{"RingBuffer", "PopOnEmpty", Outcome::Failed,
                                        "Expected equality of these values:\n  ring.pop()\n    Which is: 1\n  0",
                                        "../tests/ring_buffer_test.cpp", 42, 1.0}));
    EXPECT_EQ(run.cases[2], (CaseResult{"RingBuffer", "Wraparound", Outcome::Skipped, "needs a 2 KiB buffer",
                                        "../tests/ring_buffer_test.cpp", 50, 0.0}));
    EXPECT_EQ(run.cases[3], (CaseResult{"Crc/CrcTest", "KnownVector/0", Outcome::Passed, "", "", {}, 2.0}));
}

TEST(OntargetGoogleTest, SummaryAndEnd)
{
    const TestRun run = parse_whole(OutputFormat::GoogleTest, testing::gtest_run);
    EXPECT_TRUE(run.finished);
    EXPECT_FALSE(run.incomplete());
    EXPECT_EQ(run.summary.tests, 4u);
    EXPECT_EQ(run.summary.passed, 2u);
    EXPECT_EQ(run.summary.failures, 1u);
    EXPECT_EQ(run.summary.ignored, 1u);
    EXPECT_EQ(run.summary.duration_ms, 3.0);
    EXPECT_EQ(run.summary.lines.front(), "[==========] 4 tests from 2 test suites ran. (3 ms total)");
}

TEST(OntargetGoogleTest, FinishedAtThePassedLine)
{
    const std::string head(testing::gtest_run.substr(0, testing::gtest_run.find("[  PASSED  ]")));
    EXPECT_FALSE(parse_whole(OutputFormat::GoogleTest, head, false).finished);
    EXPECT_TRUE(parse_whole(OutputFormat::GoogleTest, head + "[  PASSED  ] 2 tests.\n", false).finished);
}

TEST(OntargetGoogleTest, OlderTestCaseWordingAndParameterDescription)
{
    const TestRun run = parse_whole(OutputFormat::GoogleTest,
                                    "[ RUN      ] Baud/UartTest.Divider/1\n"
                                    "uart_test.cpp:30: Failure\n"
                                    "Expected: (brr) == (0x271), actual: 0x270 vs 0x271\n"
                                    "[  FAILED  ] Baud/UartTest.Divider/1, where GetParam() = 115200 (4 ms)\n"
                                    "[==========] 1 test from 1 test case ran. (4 ms total)\n"
                                    "[  PASSED  ] 0 tests.\n");
    ASSERT_EQ(run.cases.size(), 1u);
    EXPECT_EQ(run.cases[0], (CaseResult{"Baud/UartTest", "Divider/1", Outcome::Failed,
                                        "Expected: (brr) == (0x271), actual: 0x270 vs 0x271", "uart_test.cpp", 30, 4.0}));
    EXPECT_EQ(run.summary.tests, 1u);
    EXPECT_TRUE(run.finished);
}

TEST(OntargetGoogleTest, SeveralFailuresKeepTheFirstPlaceAndEveryMessage)
{
    const TestRun run = parse_whole(OutputFormat::GoogleTest,
                                    "[ RUN      ] Gpio.Pins\n"
                                    "gpio_test.cpp:11: Failure\n"
                                    "first\n"
                                    "gpio_test.cpp:12: Failure\n"
                                    "second\n"
                                    "[  FAILED  ] Gpio.Pins (0 ms)\n");
    ASSERT_EQ(run.cases.size(), 1u);
    EXPECT_EQ(run.cases[0].line, 11u);
    EXPECT_EQ(run.cases[0].message, "first\nsecond");
}

TEST(OntargetGoogleTest, CutOffRunNamesTheTestThatStarted)
{
    const TestRun run = parse_whole(OutputFormat::GoogleTest, testing::gtest_cut_off);
    EXPECT_TRUE(run.incomplete());
    ASSERT_TRUE(run.running.has_value());
    EXPECT_EQ(*run.running, (StartedCase{"Flash", "Erase", false, {}, {}, {}}));
    ASSERT_EQ(run.cases.size(), 1u);
    EXPECT_EQ(run.cases[0].name, "Unlock");
}

TEST(OntargetGoogleTest, FailureBeforeAHangStaysWithTheRunningCase)
{
    const TestRun run = parse_whole(OutputFormat::GoogleTest,
                                    "[ RUN      ] Dma.Burst\n"
                                    "dma_test.cpp:77: Failure\n"
                                    "Value of: done\n"
                                    "  Actual: false\n");
    ASSERT_TRUE(run.running.has_value());
    EXPECT_EQ(*run.running, (StartedCase{"Dma", "Burst", true, "Value of: done\n  Actual: false", "dma_test.cpp", 77}));
    // A skip printed before the output stopped is no failure.
    const TestRun skipped = parse_whole(OutputFormat::GoogleTest, "[ RUN      ] Dma.Burst\ndma_test.cpp:78: Skipped\n");
    ASSERT_TRUE(skipped.running.has_value());
    EXPECT_FALSE(skipped.running->failed);
}

TEST(OntargetGoogleTest, ARunWithoutItsResultFailsWhenTheNextStarts)
{
    const TestRun run = parse_whole(OutputFormat::GoogleTest,
                                    "[ RUN      ] A.One\n[ RUN      ] A.Two\n[       OK ] A.Two (0 ms)\n");
    ASSERT_EQ(run.cases.size(), 2u);
    EXPECT_EQ(run.cases[0].outcome, Outcome::Failed);
    EXPECT_EQ(run.notes.size(), 1u);
    EXPECT_FALSE(run.running.has_value());
}

}  // namespace
}  // namespace hiltest::ontarget
