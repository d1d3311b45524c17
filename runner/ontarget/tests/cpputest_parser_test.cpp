// The CppUTest parser: -v output (one result per test), default output (failures only), and
// the OK / Errors summary.
#include <gtest/gtest.h>

#include "runner/ontarget/tests/feeding.hpp"
#include "runner/ontarget/tests/transcripts.hpp"

namespace hiltest::ontarget {
namespace {

using testing::parse_whole;

TEST(OntargetCppUTest, VerboseRunGivesEveryTestWithItsDuration)
{
    const TestRun run = parse_whole(OutputFormat::CppUTest, testing::cpputest_verbose_run);
    ASSERT_EQ(run.cases.size(), 4u);
    EXPECT_EQ(run.cases[0], (CaseResult{"RingBuffer", "PushThenPop", Outcome::Passed, "", "", {}, 0.0}));
    EXPECT_EQ(run.cases[1], (CaseResult{"RingBuffer", "Wraparound", Outcome::Skipped, "", "", {}, 0.0}));
    EXPECT_EQ(run.cases[2], (CaseResult{"RingBuffer", "PopOnEmpty", Outcome::Failed, "expected <0>\nbut was  <1>",
                                        "tests/RingBufferTest.cpp", 42, 1.0}));
    // The firmware printed between the test's name and its end: the end still closes it.
    EXPECT_EQ(run.cases[3], (CaseResult{"Crc", "KnownVector", Outcome::Passed, "", "", {}, 2.0}));
    EXPECT_FALSE(run.running.has_value());
}

TEST(OntargetCppUTest, ErrorsSummaryIsKeptAsPrinted)
{
    const TestRun run = parse_whole(OutputFormat::CppUTest, testing::cpputest_verbose_run);
    EXPECT_TRUE(run.finished);
    EXPECT_EQ(run.summary.failures, 1u);
    EXPECT_EQ(run.summary.tests, 4u);
    EXPECT_EQ(run.summary.ignored, 1u);
    EXPECT_EQ(run.summary.duration_ms, 3.0);
    EXPECT_EQ(run.summary.lines,
              (std::vector<std::string>{"Errors (1 failures, 4 tests, 4 ran, 9 checks, 1 ignored, 0 filtered out, 3 ms)"}));
    EXPECT_TRUE(run.notes.empty());
}

TEST(OntargetCppUTest, OkSummaryHasNoFailures)
{
    const TestRun run = parse_whole(OutputFormat::CppUTest, testing::cpputest_ok_run);
    EXPECT_TRUE(run.finished);
    EXPECT_EQ(run.summary.tests, 2u);
    EXPECT_EQ(run.summary.failures, 0u);
    EXPECT_EQ(run.cases.size(), 2u);
}

TEST(OntargetCppUTest, DefaultOutputNamesOnlyTheFailureAndSaysSo)
{
    const TestRun run = parse_whole(OutputFormat::CppUTest, testing::cpputest_default_run);
    ASSERT_EQ(run.cases.size(), 1u);
    EXPECT_EQ(run.cases[0], (CaseResult{"RingBuffer", "PopOnEmpty", Outcome::Failed, "expected <0>\nbut was  <1>",
                                        "tests/RingBufferTest.cpp", 42, {}}));
    EXPECT_TRUE(run.finished);
    EXPECT_EQ(run.summary.tests, 4u);
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_NE(run.notes[0].find("-v"), std::string::npos);
}

TEST(OntargetCppUTest, CutOffRunNamesTheTestThatStarted)
{
    const TestRun run = parse_whole(OutputFormat::CppUTest, testing::cpputest_cut_off);
    EXPECT_TRUE(run.incomplete());
    EXPECT_FALSE(run.finished);
    ASSERT_TRUE(run.running.has_value());
    EXPECT_EQ(*run.running, (StartedCase{"Flash", "Erase", false, {}, {}, {}}));
    ASSERT_EQ(run.cases.size(), 1u);
    EXPECT_EQ(run.cases[0].name, "Unlock");
}

TEST(OntargetCppUTest, FailureBlockCutOffStillCountsWhenTheOutputEnds)
{
    const TestRun run = parse_whole(OutputFormat::CppUTest,
                                    "TEST(Adc, Calibrate)\n"
                                    "adc_test.cpp:9: error: Failure in TEST(Adc, Calibrate)\n"
                                    "\tCHECK(calibrated) failed");
    // The case failed, then never ended: still running, with the failure it printed.
    ASSERT_TRUE(run.running.has_value());
    EXPECT_EQ(*run.running, (StartedCase{"Adc", "Calibrate", true, "CHECK(calibrated) failed", "adc_test.cpp", 9}));
    EXPECT_TRUE(run.incomplete());
    EXPECT_TRUE(run.cases.empty());
}

TEST(OntargetCppUTest, StartWithoutEndIsNoted)
{
    const TestRun run = parse_whole(OutputFormat::CppUTest, "TEST(A, One)\nTEST(A, Two) - 0 ms\n");
    ASSERT_EQ(run.cases.size(), 2u);
    EXPECT_EQ(run.cases[0].duration_ms, std::nullopt);
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_NE(run.notes[0].find("TEST(A, One)"), std::string::npos);
}

}  // namespace
}  // namespace hiltest::ontarget
