// The Unity parser on plain Unity output: results with their file:line, the summary, the end.
#include <gtest/gtest.h>

#include "runner/ontarget/tests/feeding.hpp"
#include "runner/ontarget/tests/transcripts.hpp"

namespace hiltest::ontarget {
namespace {

using testing::parse_whole;

TEST(OntargetUnity, ReadsEveryResultWithItsPlace)
{
    const TestRun run = parse_whole(OutputFormat::Unity, testing::unity_run);
    ASSERT_EQ(run.cases.size(), 5u);
    // PASS carries the test function's line, FAIL the failed assertion's.
    EXPECT_EQ(run.cases[0], (CaseResult{"", "test_push_then_pop_returns_value", Outcome::Passed, "", "test_ring_buffer.c", 18, {}}));
    EXPECT_EQ(run.cases[1], (CaseResult{"", "test_pop_on_empty_fails", Outcome::Failed, "Expected 0 Was 1", "test_ring_buffer.c", 31, {}}));
    EXPECT_EQ(run.cases[2], (CaseResult{"", "test_wraparound", Outcome::Skipped, "needs a 2 KiB buffer", "test_ring_buffer.c", 40, {}}));
    EXPECT_EQ(run.cases[3], (CaseResult{"", "test_capacity", Outcome::Skipped, "", "test_ring_buffer.c", 52, {}}));
    // The INFO line of TEST_MESSAGE is no result: test_peek is reported once, by its PASS.
    EXPECT_EQ(run.cases[4].name, "test_peek");
    EXPECT_EQ(run.cases[4].outcome, Outcome::Passed);
}

TEST(OntargetUnity, KeepsTheSummaryAsPrintedAndFinishesAtTheVerdict)
{
    const TestRun run = parse_whole(OutputFormat::Unity, testing::unity_run);
    EXPECT_TRUE(run.finished);
    EXPECT_FALSE(run.incomplete());
    EXPECT_EQ(run.summary.tests, 5u);
    EXPECT_EQ(run.summary.failures, 1u);
    EXPECT_EQ(run.summary.ignored, 2u);
    EXPECT_EQ(run.summary.lines, (std::vector<std::string>{"5 Tests 1 Failures 2 Ignored", "FAIL"}));
}

TEST(OntargetUnity, CountsLineAloneIsNotTheEnd)
{
    // UnityEnd prints the counts, then OK/FAIL: a caller stopping at the counts would lose it.
    const TestRun run = parse_whole(OutputFormat::Unity, "-----------------------\n1 Tests 0 Failures 0 Ignored \n", false);
    EXPECT_EQ(run.summary.tests, 1u);
    EXPECT_FALSE(run.finished);
}

TEST(OntargetUnity, ReadsExecutionTimesAndPathsWithColons)
{
    const TestRun run = parse_whole(OutputFormat::Unity, testing::unity_timed_run);
    ASSERT_EQ(run.cases.size(), 2u);
    EXPECT_EQ(run.cases[0].file, "C:\\fw\\test\\test_crc.c");
    EXPECT_EQ(run.cases[0].line, 10u);
    EXPECT_EQ(run.cases[0].duration_ms, 0.0);
    EXPECT_EQ(run.cases[1].duration_ms, 3.0);
    EXPECT_EQ(run.cases[1].message, "");
    EXPECT_TRUE(run.finished);
    EXPECT_EQ(run.summary.lines.back(), "OK");
}

TEST(OntargetUnity, TimedFailureKeepsItsMessageWithoutTheTime)
{
    const TestRun run = parse_whole(OutputFormat::Unity, "t.c:7:test_x:FAIL: Expected 2 Was 3. after reset (12 ms)\n");
    ASSERT_EQ(run.cases.size(), 1u);
    EXPECT_EQ(run.cases[0].message, "Expected 2 Was 3. after reset");
    EXPECT_EQ(run.cases[0].duration_ms, 12.0);
}

TEST(OntargetUnity, CutOffRunIsIncompleteAfterItsLastResult)
{
    // Unity prints nothing when a test starts: the hung test cannot be named, only placed
    // after the last one that reported.
    const TestRun run = parse_whole(OutputFormat::Unity, testing::unity_cut_off);
    EXPECT_TRUE(run.incomplete());
    EXPECT_FALSE(run.finished);
    EXPECT_FALSE(run.running.has_value());
    ASSERT_EQ(run.cases.size(), 2u);
    EXPECT_EQ(run.cases.back().name, "test_flash_program_half_word");
}

TEST(OntargetUnity, IgnoresLinesThatOnlyLookAlike)
{
    const TestRun run = parse_whole(OutputFormat::Unity,
                                    "time 12:30:45 ok\n"
                                    "a.c:1:test_a:PASSED\n"
                                    "a.c:x:test_a:PASS\n"
                                    ":1:test_a:PASS\n"
                                    "a.c:1::PASS\n"
                                    "OK\n");
    EXPECT_TRUE(run.cases.empty());
    EXPECT_FALSE(run.finished);  // an OK before any counts is the firmware's
}

}  // namespace
}  // namespace hiltest::ontarget
