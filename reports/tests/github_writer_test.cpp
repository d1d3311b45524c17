#include "reports/github_writer.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "reports/tests/sample_reports.hpp"

namespace hiltest::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(GithubReport, DetectsActionsOnlyWhenTrue)
{
    EXPECT_TRUE(running_in_github_actions(Environment{{{"GITHUB_ACTIONS", "true"}}}));
    EXPECT_FALSE(running_in_github_actions(Environment{{{"GITHUB_ACTIONS", "false"}}}));
    EXPECT_FALSE(running_in_github_actions(Environment{}));
}

TEST(GithubReport, EscapesWorkflowCommandText)
{
    EXPECT_EQ(github_escape_data("100% done\r\nnext"), "100%25 done%0Anext");
    EXPECT_EQ(github_escape_data("a\nb"), "a%0Ab");
    EXPECT_EQ(github_escape_property("a:b,c%"), "a%3Ab%2Cc%25");
}

TEST(GithubReport, AnnotatesFailuresAtTheStep)
{
    const std::string annotations = github_annotations(testing::sample_report());
    EXPECT_THAT(annotations,
                HasSubstr("::error file=testsuites/blink.json,line=19,col=7,title=hiltest%3A blink / blinks at 2 Hz "
                          "failed::expect_blink PC13 2 Hz ±10%25 over 2000 ms: expected 2 Hz ±10%25, measured 1.00 Hz\n"));
    EXPECT_THAT(annotations, HasSubstr("title=hiltest%3A blink / reads uptime error::"));
    EXPECT_THAT(annotations, HasSubstr("title=hiltest%3A blink / long soak interrupted::interrupted by SIGINT\n"));
    EXPECT_THAT(annotations, Not(HasSubstr("flash passed")));
    EXPECT_THAT(annotations, Not(HasSubstr("after reads uptime")));  // skipped tests are not errors
}

TEST(GithubReport, EveryAnnotationStaysOnOneLine)
{
    Report report;
    report.runs.push_back(testing::hostile_run());
    const std::string annotations = github_annotations(report);
    std::istringstream lines(annotations);
    std::string line;
    std::size_t count = 0;
    while (std::getline(lines, line)) {
        EXPECT_TRUE(line.starts_with("::error ")) << line;
        ++count;
    }
    EXPECT_EQ(count, 2u);  // the suite error and the failed test
    EXPECT_EQ(annotations.find('\r'), std::string::npos);
    EXPECT_EQ(annotations.find('\x1b'), std::string::npos);
}

TEST(GithubReport, SummaryHasHeadlineTableAndProblems)
{
    const std::string summary = github_step_summary(testing::sample_report());
    EXPECT_THAT(summary, HasSubstr("## ❌ hiltest: 1 passed, 1 failed, 1 errors, 1 skipped, 1 interrupted in 2.410 s"));
    EXPECT_THAT(summary, HasSubstr("| blink | sim | stm32f103c8 | 1 | 1 | 1 | 1 | 2.410 s |"));
    EXPECT_THAT(summary, HasSubstr("| ❌ | blink / blinks at 2 Hz | expect_blink PC13 2 Hz ±10% over 2000 ms: expected 2 "
                                   "Hz ±10%, measured 1.00 Hz | testsuites/blink.json:19:7 |"));
}

TEST(GithubReport, RepetitionsAndStepNamesAreShown)
{
    Report report;
    report.runs.push_back(testing::repeated_run());
    const std::string annotations = github_annotations(report);
    EXPECT_THAT(annotations, HasSubstr("::error file=testsuites/soak.json,line=8,col=9,title=hiltest%3A soak / blinks "
                                       "[2/5] failed::step \"LED blinks\": expect_blink PC13 1 Hz ±10%25 over 1000 ms: "
                                       "expected 1 Hz ±10%25, measured 0.50 Hz\n"));
    EXPECT_THAT(annotations, HasSubstr("title=hiltest%3A soak / blinks [3/5] interrupted::"));
    const std::string summary = github_step_summary(report);
    EXPECT_THAT(summary, HasSubstr("| ❌ | soak / blinks [2/5] | step \"LED blinks\": expect_blink PC13"));
}

TEST(GithubReport, SummarySaysHowManyWereNotRun)
{
    Report report;
    report.runs.push_back(testing::repeated_run());
    const std::string summary = github_step_summary(report);
    EXPECT_THAT(summary, HasSubstr("## ❌ hiltest: 1 passed, 1 failed, 0 errors, 0 skipped, 1 interrupted, 2 not run in "
                                   "3.000 s\n"));
    EXPECT_THAT(summary, HasSubstr("The run was interrupted: 2 selected test runs did not start."));
    EXPECT_THAT(github_step_summary(testing::sample_report()), Not(HasSubstr("not run")));
}

TEST(GithubReport, SummaryCellsCannotBreakTheTable)
{
    Report report;
    report.runs.push_back(testing::hostile_run());
    report.runs[0].tests[0].name = "a | b\nc";
    const std::string summary = github_step_summary(report);
    EXPECT_THAT(summary, HasSubstr("a \\| b c"));
    EXPECT_THAT(summary, Not(HasSubstr("<tag")));
}

TEST(GithubReport, PublishAppendsTheSummaryAndPrintsAnnotations)
{
    const auto file = testing::unique_temp_path("hiltest_github_summary.md");
    {
        std::ofstream earlier(file);
        earlier << "earlier step\n";
    }
    std::ostringstream out;
    publish_to_github(testing::sample_report(),
                      Environment{{{"GITHUB_ACTIONS", "true"}, {"GITHUB_STEP_SUMMARY", file.string()}}}, out);
    EXPECT_THAT(out.str(), HasSubstr("::error file=testsuites/blink.json"));
    std::ifstream in(file);
    const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(content.starts_with("earlier step\n## ❌ hiltest"));
    std::filesystem::remove(file);
}

TEST(GithubReport, PublishDoesNothingOutsideActions)
{
    const auto file = testing::unique_temp_path("hiltest_github_summary_unused.md");
    std::filesystem::remove(file);
    std::ostringstream out;
    publish_to_github(testing::sample_report(), Environment{{{"GITHUB_STEP_SUMMARY", file.string()}}}, out);
    EXPECT_EQ(out.str(), "");
    EXPECT_FALSE(std::filesystem::exists(file));
}

}  // namespace
}  // namespace hiltest::reports
