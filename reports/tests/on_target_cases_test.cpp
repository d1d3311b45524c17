// On-target cases (run_tests) and per-channel output in every report: JUnit test cases of their
// own, nested JSON that reads back, console lines and GitHub annotations at the firmware's file:line.
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "reports/console_writer.hpp"
#include "reports/github_writer.hpp"
#include "reports/json_report.hpp"
#include "reports/junit_writer.hpp"
#include "reports/tests/sample_reports.hpp"

namespace hiltest::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(OnTargetCases, AreCountedApartFromTheTests)
{
    const Counts counts = testing::on_target_report().counts();
    EXPECT_EQ(counts.tests, 1u);
    EXPECT_EQ(counts.failed, 1u);
    EXPECT_EQ(counts.on_target.cases, 4u);
    EXPECT_EQ(counts.on_target.passed, 1u);
    EXPECT_EQ(counts.on_target.failed, 1u);
    EXPECT_EQ(counts.on_target.skipped, 1u);
    EXPECT_EQ(counts.on_target.errors, 1u);
}

TEST(OnTargetCases, EachIsAJUnitTestCaseUnderItsTestWithItsVerdict)
{
    const std::string xml = junit_xml(testing::on_target_report());
    EXPECT_THAT(xml, HasSubstr("<testsuites name=\"hiltest\" tests=\"5\" failures=\"2\" errors=\"1\""));
    EXPECT_THAT(xml, HasSubstr("tests=\"5\" failures=\"2\" errors=\"1\" skipped=\"1\""));
    EXPECT_THAT(xml, HasSubstr("<testcase name=\"test_ring_wraps\" classname=\"blink.unit tests on target\" time=\"0.000\" status=\"passed\">"));
    EXPECT_THAT(xml, HasSubstr("<failure type=\"assertion-failed\" message=\"src/test_crc.c:42: Expected 0x1234 Was 0x1235\">"));
    EXPECT_THAT(xml, HasSubstr("<skipped>src/test_flash.c:8: needs a real flash</skipped>"));
    EXPECT_THAT(xml, HasSubstr("<testcase name=\"Fixed.q15_multiply\""));
    EXPECT_THAT(xml, HasSubstr("<error type=\"on-target-case-unfinished\" message=\"started and never finished"));
    EXPECT_THAT(xml, HasSubstr("--- uart1 ---\nboot\nflood"));
}

TEST(OnTargetCases, JsonNestsThemUnderTheStepAndReadsThemBack)
{
    const Report report = testing::on_target_report();
    const nlohmann::json json = nlohmann::json::parse(json_report_text(report));
    const nlohmann::json& test = json["runs"][0]["tests"][0];
    const nlohmann::json& cases = test["steps"][0]["cases"];
    ASSERT_EQ(cases.size(), 4u);
    EXPECT_EQ(cases[1]["status"], "failed");
    EXPECT_EQ(cases[1]["file"], "src/test_crc.c");
    EXPECT_EQ(cases[1]["line"], 42);
    EXPECT_FALSE(cases[1].contains("suite"));
    EXPECT_EQ(cases[3]["suite"], "Fixed");
    EXPECT_EQ(json["runs"][0]["summary"]["on_target_cases"]["cases"], 4);
    EXPECT_EQ(json["summary"]["on_target_cases"]["failed"], 1);
    const nlohmann::json& uart = test["outputs"][1];
    EXPECT_EQ(uart["channel"], "uart1");
    EXPECT_EQ(uart["dropped_bytes"], 4096);
    EXPECT_EQ(uart["lines"][0]["text"], "boot\n");
    EXPECT_EQ(uart["lines"][1]["text"], "flood");
    EXPECT_EQ(uart["lines"][1]["at_ms"], 2.5) << "a line's time is when its first byte arrived";
    EXPECT_EQ(test["output"], "src/test_ring.c:17:test_ring_wraps:PASS\n") << "schema 1's semihosting text stays";

    const Report back = report_from_json(json);
    const TestResult& read = back.runs.at(0).tests.at(0);
    EXPECT_EQ(read.steps.at(0).cases.size(), 4u);
    EXPECT_EQ(read.steps.at(0).cases[1].line, 42u);
    EXPECT_EQ(read.steps.at(0).cases[0].duration_ms, 0.25);
    EXPECT_EQ(read.output_of("uart1"), "boot\nflood");
    EXPECT_EQ(read.outputs.at(1).dropped_bytes, 4096u);
    EXPECT_EQ(back.counts().on_target.errors, 1u);
}

TEST(OnTargetCases, TheConsoleListsThemUnderTheirTestAndCountsThem)
{
    std::ostringstream out;
    write_console_report(out, testing::on_target_report(), {});
    const std::string text = out.str();
    EXPECT_THAT(text, HasSubstr("      PASS  test_ring_wraps\n"));
    EXPECT_THAT(text, HasSubstr("      FAIL  test_crc\n            src/test_crc.c:42: Expected 0x1234 Was 0x1235\n"));
    EXPECT_THAT(text, HasSubstr("      SKIP  test_flash_write\n"));
    EXPECT_THAT(text, HasSubstr("      ERROR Fixed.q15_multiply\n"));
    EXPECT_THAT(text, HasSubstr("; on-target cases: 1 passed, 1 failed, 1 skipped, 1 unfinished"));
}

TEST(OnTargetCases, GitHubAnnotatesEachFailingCaseAtTheFirmwaresLine)
{
    const std::string annotations = github_annotations(testing::on_target_report());
    EXPECT_THAT(annotations, HasSubstr("::error file=src/test_crc.c,line=42,title=hiltest%3A blink / unit tests on target / test_crc failed::Expected 0x1234 Was 0x1235\n"));
    EXPECT_THAT(annotations, Not(HasSubstr("test_ring_wraps")));
    const std::string summary = github_step_summary(testing::on_target_report());
    EXPECT_THAT(summary, HasSubstr("On-target cases: 1 passed, 1 failed, 1 skipped, 1 unfinished of 4."));
    EXPECT_THAT(summary, HasSubstr("| blink / unit tests on target / test_crc | Expected 0x1234 Was 0x1235 | src/test_crc.c:42 |"));
}

}  // namespace
}  // namespace hiltest::reports
