#include "runner/session/output_match.hpp"

#include <gtest/gtest.h>

namespace hiltest::session {
namespace {

suite::ExpectOutputStep lines(std::vector<std::string> wanted)
{
    suite::ExpectOutputStep step;
    step.lines = std::move(wanted);
    return step;
}

TEST(OutputMatch, LinesMustComeInOrderEachInALineOfItsOwn)
{
    const suite::ExpectOutputStep step = lines({"boot", "ready"});
    const OutputMatch match(step);
    EXPECT_TRUE(match.judge("x boot y\nready\n").found);
    EXPECT_FALSE(match.judge("ready\nboot\n").found) << "out of order";
    EXPECT_EQ(match.judge("ready\nboot\n").lines_found, 1u);
    EXPECT_FALSE(match.judge("boot ready\n").found) << "one output line holds one expected line";
    EXPECT_TRUE(match.judge("boot\nrea").lines_found == 1u);
    EXPECT_TRUE(match.judge("boot\r\nready").found) << "a last line without its newline counts once it holds the text";
}

TEST(OutputMatch, NotContainsNamesTheForbiddenText)
{
    suite::ExpectOutputStep step;
    step.text = "ready";
    step.not_contains = {"panic", "assert"};
    const OutputMatch match(step);
    EXPECT_EQ(match.judge("ready\n").forbidden, "");
    EXPECT_EQ(match.judge("ready\nassert failed\n").forbidden, "assert");
    EXPECT_TRUE(match.has_positive());
    EXPECT_EQ(match.expected(), "output containing \"ready\", not \"panic\", not \"assert\"");
}

TEST(OutputMatch, APatternIsMatchedAnywhere)
{
    suite::ExpectOutputStep step;
    step.match = suite::ExpectOutputStep::Match::Regex;
    step.text = "uptime=[0-9]+";
    const OutputMatch match(step);
    EXPECT_TRUE(match.judge("a\nuptime=12 ms\n").found);
    EXPECT_FALSE(match.judge("uptime=x").found);
}

TEST(OutputMatch, OnlyForbiddenTextHasNothingToWaitFor)
{
    suite::ExpectOutputStep step;
    step.not_contains = {"panic"};
    const OutputMatch match(step);
    EXPECT_FALSE(match.has_positive());
    EXPECT_TRUE(match.judge("").found);
}

}  // namespace
}  // namespace hiltest::session
