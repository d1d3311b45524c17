// The TAP parser: plans at either end, directives, YAML diagnostics, Bail out!, and the tests
// a plan promised that never reported.
#include <gtest/gtest.h>

#include "runner/ontarget/tests/feeding.hpp"
#include "runner/ontarget/tests/transcripts.hpp"

namespace hiltest::ontarget {
namespace {

using testing::parse_whole;

TEST(OntargetTap, ReadsTestsDirectivesAndDiagnostics)
{
    const TestRun run = parse_whole(OutputFormat::Tap, testing::tap_run);
    ASSERT_EQ(run.cases.size(), 5u);
    EXPECT_EQ(run.cases[0], (CaseResult{"", "crc of empty input", Outcome::Passed, "", "", {}, {}}));
    // message at the top level, file and line under "at:", as node-tap writes them.
    EXPECT_EQ(run.cases[1], (CaseResult{"", "pop on empty ring", Outcome::Failed, "expected 0, got 1", "tests/ring.c", 42, 1.5}));
    EXPECT_EQ(run.cases[2], (CaseResult{"", "wraparound", Outcome::Skipped, "needs a 2 KiB buffer", "", {}, {}}));
    // not ok # TODO is an expected failure, not a failure.
    EXPECT_EQ(run.cases[3], (CaseResult{"", "dma burst", Outcome::Skipped, "TODO not implemented", "", {}, {}}));
    // No "- " separator, and an escaped '#' that is part of the description.
    EXPECT_EQ(run.cases[4], (CaseResult{"", "peek # of items", Outcome::Passed, "", "", {}, {}}));
}

TEST(OntargetTap, LeadingPlanFinishesWithItsLastTest)
{
    const TestRun run = parse_whole(OutputFormat::Tap, testing::tap_run, false);
    EXPECT_TRUE(run.finished);
    EXPECT_EQ(run.summary.tests, 5u);
    EXPECT_TRUE(run.missing.empty());
    EXPECT_TRUE(run.notes.empty());
}

TEST(OntargetTap, TrailingPlanReportsTheMissingTest)
{
    const TestRun run = parse_whole(OutputFormat::Tap, testing::tap_missing_run, false);
    EXPECT_TRUE(run.finished);
    ASSERT_EQ(run.cases.size(), 3u);
    EXPECT_EQ(run.cases[2].name, "spi loopback");
    EXPECT_EQ(run.missing, (std::vector<std::string>{"3"}));
    EXPECT_EQ(run.summary.lines, (std::vector<std::string>{"1..4"}));
}

TEST(OntargetTap, BailOutEndsTheRunAndListsWhatNeverRan)
{
    const TestRun run = parse_whole(OutputFormat::Tap, testing::tap_bail_out_run, false);
    EXPECT_TRUE(run.finished);
    ASSERT_EQ(run.cases.size(), 1u);  // the line after Bail out! is not this run's
    EXPECT_EQ(run.missing, (std::vector<std::string>{"2", "3"}));
    ASSERT_FALSE(run.notes.empty());
    EXPECT_EQ(run.notes[0], "Bail out! flash controller locked");
}

TEST(OntargetTap, CutOffRunListsMissingTestsOnlyOnceTheOutputEnds)
{
    const TestRun pending = parse_whole(OutputFormat::Tap, testing::tap_cut_off, false);
    EXPECT_TRUE(pending.incomplete());
    EXPECT_TRUE(pending.missing.empty());  // tests 3 and 4 may still come
    const TestRun ended = parse_whole(OutputFormat::Tap, testing::tap_cut_off, true);
    EXPECT_TRUE(ended.incomplete());
    EXPECT_EQ(ended.cases.size(), 2u);
    EXPECT_EQ(ended.cases.back().name, "gpio");
    EXPECT_EQ(ended.missing, (std::vector<std::string>{"3", "4"}));
}

TEST(OntargetTap, BlockScalarsQuotesAndUnnumberedTests)
{
    const TestRun run = parse_whole(OutputFormat::Tap,
                                    "not ok - adc range\n"
                                    "  ---\n"
                                    "  message: |\n"
                                    "    reading 4096\n"
                                    "    above 4095\n"
                                    "  file: \"tests/adc \\\"main\\\".c\"\n"
                                    "  line: 7\n"
                                    "  ...\n"
                                    "ok\n"
                                    "ok # skip no DAC on this board\n"
                                    "1..3\n");
    ASSERT_EQ(run.cases.size(), 3u);
    EXPECT_EQ(run.cases[0], (CaseResult{"", "adc range", Outcome::Failed, "reading 4096\nabove 4095", "tests/adc \"main\".c", 7, {}}));
    EXPECT_EQ(run.cases[1].name, "test 2");
    EXPECT_EQ(run.cases[2].outcome, Outcome::Skipped);
    EXPECT_EQ(run.cases[2].message, "no DAC on this board");
    EXPECT_TRUE(run.missing.empty());
}

TEST(OntargetTap, EmptyPlanSkipsEverything)
{
    const TestRun run = parse_whole(OutputFormat::Tap, "1..0 # SKIP no flash on this target\n", false);
    EXPECT_TRUE(run.finished);
    EXPECT_TRUE(run.cases.empty());
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_NE(run.notes[0].find("no flash on this target"), std::string::npos);
}

TEST(OntargetTap, SubtestsAndCommentsAreNotTests)
{
    const TestRun run = parse_whole(OutputFormat::Tap,
                                    "TAP version 14\n"
                                    "# Subtest: spi\n"
                                    "    ok 1 - mode 0\n"
                                    "    not ok 2 - mode 3\n"
                                    "    1..2\n"
                                    "not ok 1 - spi\n"
                                    "# okay so far\n"
                                    "1..1\n");
    ASSERT_EQ(run.cases.size(), 1u);
    EXPECT_EQ(run.cases[0].name, "spi");
    EXPECT_EQ(run.cases[0].outcome, Outcome::Failed);
    EXPECT_TRUE(run.finished);
}

TEST(OntargetTap, DuplicateAndOutOfPlanNumbersAreNoted)
{
    const TestRun run = parse_whole(OutputFormat::Tap, "1..2\nok 1\nok 1\nok 3\n");
    // The plan's count is reached at the second line (test 2 missing then); test 3 is still
    // reported, as the firmware printed it, with a note.
    EXPECT_EQ(run.cases.size(), 3u);
    EXPECT_EQ(run.missing, (std::vector<std::string>{"2"}));
    EXPECT_EQ(run.notes.size(), 3u);  // 1 reported twice, 2 never reported, 3 outside the plan
}

}  // namespace
}  // namespace hiltest::ontarget
