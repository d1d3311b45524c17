#include "reports/result.hpp"

#include <gtest/gtest.h>

#include "reports/tests/sample_reports.hpp"

namespace hiltest::reports {
namespace {

TEST(ReportResult, DisplayNameShowsTheRepetition)
{
    TestResult test;
    test.name = "blinks";
    EXPECT_EQ(display_name(test), "blinks");
    test.repetition = 3;
    test.repetitions = 100;
    EXPECT_EQ(display_name(test), "blinks [3/100]");
}

TEST(ReportResult, NotRunIsCountedApartFromTheTests)
{
    const Counts counts = count(testing::repeated_run());
    EXPECT_EQ(counts.tests, 3u);  // passed + failed + interrupted: the entries
    EXPECT_EQ(counts.passed + counts.failed + counts.errors + counts.skipped + counts.interrupted, counts.tests);
    EXPECT_EQ(counts.not_run, 2u);
    Counts total = counts;
    total += counts;
    EXPECT_EQ(total.not_run, 4u);
}

TEST(ReportResult, CountsByTestAddUpTheRepetitions)
{
    SuiteResult run = testing::repeated_run();
    TestResult other;
    other.name = "boots";
    run.tests.insert(run.tests.begin() + 1, other);
    const auto by_test = counts_by_test(run);
    ASSERT_EQ(by_test.size(), 2u);
    EXPECT_EQ(by_test[0].first, "blinks");  // in the order the names first appear
    EXPECT_EQ(by_test[0].second.tests, 3u);
    EXPECT_EQ(by_test[0].second.passed, 1u);
    EXPECT_EQ(by_test[0].second.failed, 1u);
    EXPECT_EQ(by_test[0].second.interrupted, 1u);
    EXPECT_EQ(by_test[1].first, "boots");
    EXPECT_EQ(by_test[1].second.tests, 1u);
    EXPECT_TRUE(has_repetitions(run));
    EXPECT_FALSE(has_repetitions(testing::blink_run()));
}

}  // namespace
}  // namespace hiltest::reports
