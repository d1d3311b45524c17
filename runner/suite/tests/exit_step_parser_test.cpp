// expect_exit as a step and as the suite's or a test's default (docs/suite-format.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "runner/suite/tests/suite_test_support.hpp"

namespace hiltest::suite {
namespace {

using ::testing::HasSubstr;
using testing::suite_error;
using testing::suite_with_step;

ExpectExitStep parsed_step(const std::string& step)
{
    const Suite suite = parse_suite(suite_with_step(step), "dir/exit.json");
    return std::get<ExpectExitStep>(suite.tests.at(0).steps.at(0).action);
}

TEST(ExpectExitParser, DefaultsToApplicationExitWithStatus0)
{
    const Suite suite = parse_suite(suite_with_step(R"({"do": "expect_exit"})"), "dir/exit.json");
    const Step& step = suite.tests.at(0).steps.at(0);
    const auto& action = std::get<ExpectExitStep>(step.action);
    EXPECT_EQ(action.reason, 0x20026u);
    EXPECT_EQ(action.status, 0u);
    EXPECT_EQ(step.kind(), "expect_exit");
    EXPECT_EQ(step.describe(), "expect_exit status 0 (ADP_Stopped_ApplicationExit)");
    EXPECT_EQ(step.timeout, Milliseconds(5000));  // the suite's step timeout
}

TEST(ExpectExitParser, TakesAStatusAndAReasonByNameOrNumber)
{
    EXPECT_EQ(parsed_step(R"({"do": "expect_exit", "status": 3})").status, 3u);
    EXPECT_EQ(parsed_step(R"({"do": "expect_exit", "status": "0xFFFFFFFF"})").status, 0xFFFFFFFFu);
    for (const char* name : {"RunTimeErrorUnknown", "ADP_Stopped_RunTimeErrorUnknown", "run time error unknown",
                             "runtimeerrorunknown", "0x20023", "131107"}) {
        EXPECT_EQ(parsed_step(R"({"do": "expect_exit", "reason": ")" + std::string(name) + R"("})").reason, 0x20023u)
            << name;
    }
    EXPECT_EQ(parsed_step(R"({"do": "expect_exit", "reason": 131110, "status": 2})").status, 2u);
    const Suite suite = parse_suite(suite_with_step(R"({"do": "expect_exit", "reason": "DivisionByZero"})"), "d/e.json");
    EXPECT_EQ(suite.tests[0].steps[0].describe(), "expect_exit ADP_Stopped_DivisionByZero (0x20028)");
}

TEST(ExpectExitParser, AMisspelledReasonSuggestsTheName)
{
    const std::string message = suite_error(suite_with_step(R"({"do": "expect_exit", "reason": "ApplicationExti"})"));
    EXPECT_THAT(message, HasSubstr("tests[0].steps[0].reason: expected a semihosting exit reason"));
    EXPECT_THAT(message, HasSubstr("did you mean \"ApplicationExit\"?"));
}

TEST(ExpectExitParser, AStatusWithAnotherReasonIsRefused)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_exit", "reason": "RunTimeErrorUnknown", "status": 1})")),
                HasSubstr("tests[0].steps[0].status: \"status\" applies only to the reason ApplicationExit"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_exit", "status": -1})")),
                HasSubstr("tests[0].steps[0].status"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_exit", "statsu": 0})")),
                HasSubstr("did you mean \"status\"?"));
}

TEST(ExpectExitParser, TheSuitesExpectExitIsAppendedToEveryTestWithoutOne)
{
    const Suite suite = parse_suite(R"({"name": "s", "probe": "sim", "firmware": "fw.elf",
  "defaults": {"step_timeout_ms": 700},
  "expect_exit": {"status": 3},
  "tests": [
    {"name": "inherits", "steps": [{"do": "flash"}]},
    {"name": "has its own step", "steps": [{"do": "flash"}, {"do": "expect_exit", "status": 1}, {"do": "halt"}]},
    {"name": "own default", "expect_exit": {"reason": "StackOverflow", "timeout_ms": 50}, "steps": [{"do": "flash"}]},
    {"name": "none", "expect_exit": false, "steps": [{"do": "flash"}]}]})",
                                    "dir/exit.json");
    ASSERT_TRUE(suite.expect_exit);
    ASSERT_EQ(suite.tests.size(), 4u);
    const hiltest::suite::Test& inherits = suite.tests[0];
    ASSERT_EQ(inherits.steps.size(), 2u);
    EXPECT_EQ(std::get<ExpectExitStep>(inherits.steps[1].action).status, 3u);
    EXPECT_EQ(inherits.steps[1].timeout, Milliseconds(700));
    EXPECT_EQ(inherits.steps[1].location.to_string(), "dir/exit.json:3:18");  // the suite's "expect_exit"
    ASSERT_EQ(suite.tests[1].steps.size(), 3u);  // its own expect_exit stands; nothing appended
    EXPECT_EQ(std::get<ExpectExitStep>(suite.tests[1].steps[1].action).status, 1u);
    const hiltest::suite::Test& own = suite.tests[2];
    ASSERT_EQ(own.steps.size(), 2u);
    EXPECT_EQ(std::get<ExpectExitStep>(own.steps[1].action).reason, 0x20027u);
    EXPECT_EQ(own.steps[1].timeout, Milliseconds(50));
    EXPECT_EQ(suite.tests[3].steps.size(), 1u);
}

TEST(ExpectExitParser, ATestsExpectExitWorksWithoutTheSuitesAndBadValuesAreRefused)
{
    const Suite suite = parse_suite(R"({"name": "s", "probe": "sim", "tests": [
    {"name": "t", "expect_exit": {}, "steps": [{"do": "halt"}]}]})",
                                    "dir/exit.json");
    EXPECT_FALSE(suite.expect_exit);
    ASSERT_EQ(suite.tests[0].steps.size(), 2u);
    EXPECT_EQ(suite.tests[0].steps[1].kind(), "expect_exit");
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "tests": [
    {"name": "t", "expect_exit": true, "steps": [{"do": "halt"}]}]})"),
                HasSubstr("tests[0].expect_exit: expected an object like {\"status\": 0}, or false"));
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "expect_exit": {"do": "expect_exit"}, "tests": [
    {"name": "t", "steps": [{"do": "halt"}]}]})"),
                HasSubstr("unknown key \"do\" in \"expect_exit\""));
}

}  // namespace
}  // namespace hiltest::suite
