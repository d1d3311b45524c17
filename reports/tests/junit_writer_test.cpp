#include "reports/junit_writer.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "reports/tests/sample_reports.hpp"

namespace hiltest::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::filesystem::path kSchema = std::filesystem::path(HILTEST_SOURCE_DIR) / "reports/tests/jenkins-junit.xsd";

// Runs xmllint against the Jenkins JUnit schema; returns its exit status.
int validate(const std::string& xml, const std::string& name)
{
    const auto folder = testing::unique_temp_path("hiltest_junit_test");
    std::filesystem::create_directories(folder);
    const auto file = folder / (name + ".xml");
    {
        std::ofstream out(file, std::ios::binary);
        out << xml;
    }
    const std::string command = "xmllint --noout --schema '" + kSchema.string() + "' '" + file.string() + "' 2>&1";
    const int status = std::system(command.c_str());
    const int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (exit_code == 0) {
        std::filesystem::remove_all(folder);  // keep failing files for inspection
    }
    return exit_code;
}

TEST(JunitWriter, SampleReportValidatesAgainstTheJenkinsSchema)
{
    EXPECT_EQ(validate(junit_xml(testing::sample_report()), "sample"), 0);
}

TEST(JunitWriter, HostileBytesStillValidate)
{
    Report report = testing::sample_report();
    report.runs.push_back(testing::hostile_run());
    const std::string xml = junit_xml(report);
    EXPECT_EQ(validate(xml, "hostile"), 0);
    EXPECT_EQ(xml.find('\x1b'), std::string::npos);
    EXPECT_EQ(xml.find('\0'), std::string::npos);
    EXPECT_THAT(xml, Not(HasSubstr("]]>")));
}

TEST(JunitWriter, EmptyReportValidates)
{
    EXPECT_EQ(validate(junit_xml(Report{}), "empty"), 0);
    EXPECT_THAT(junit_xml(Report{}), HasSubstr("<testsuites name=\"hiltest\" tests=\"0\""));
}

TEST(JunitWriter, CountsAndTimes)
{
    const std::string xml = junit_xml(testing::sample_report());
    EXPECT_THAT(xml, HasSubstr("<testsuites name=\"hiltest\" tests=\"5\" failures=\"1\" errors=\"2\" time=\"2.410\">"));
    EXPECT_THAT(xml, HasSubstr("<testsuite name=\"blink\" tests=\"5\" failures=\"1\" errors=\"2\" skipped=\"1\" "
                               "time=\"2.410\" id=\"0\" timestamp=\"2026-11-23T23:00:00Z\">"));
    EXPECT_THAT(xml, HasSubstr("<testcase name=\"flash\" classname=\"blink\" time=\"0.800\" status=\"passed\""));
}

TEST(JunitWriter, FailureCarriesExpectedAndMeasured)
{
    const std::string xml = junit_xml(testing::sample_report());
    EXPECT_THAT(xml, HasSubstr("<failure type=\"assertion-failed\" message=\"expect_blink PC13 2 Hz ±10% over 2000 "
                               "ms: expected 2 Hz ±10%, measured 1.00 Hz\">"));
    EXPECT_THAT(xml, HasSubstr("(testsuites/blink.json:19:7)"));
    EXPECT_THAT(xml, HasSubstr("measured: {\"frequency_hz\":1.0,\"toggles\":4}"));
}

TEST(JunitWriter, ErrorsSkipsAndInterruptions)
{
    const std::string xml = junit_xml(testing::sample_report());
    EXPECT_THAT(xml, HasSubstr("<error type=\"target-fault\" message=\"expect_memory uptime_ms (32-bit) changes within "
                               "100 ms: the target answered FAULT reading 0x20000000\">"));
    EXPECT_THAT(xml, HasSubstr("<skipped>skipped: depends on \"reads uptime\", which did not pass</skipped>"));
    EXPECT_THAT(xml, HasSubstr("<error type=\"interrupted\" message=\"interrupted by SIGINT\">"));
    EXPECT_THAT(xml, HasSubstr("<system-out>--- uart1 ---\nuart says hi\n</system-out>"));
}

TEST(JunitWriter, PropertiesIncludeProbeFirmwareAndStatistics)
{
    const std::string xml = junit_xml(testing::sample_report());
    EXPECT_THAT(xml, HasSubstr("<property name=\"probe.serial\" value=\"SIM0001\"/>"));
    EXPECT_THAT(xml, HasSubstr("<property name=\"target\" value=\"stm32f103c8\"/>"));
    EXPECT_THAT(xml, HasSubstr("<property name=\"firmware.sha256\" value=\"" + std::string(64, 'a') + "\"/>"));
    EXPECT_THAT(xml, HasSubstr("<property name=\"connection.attempts\" value=\"3\"/>"));
    EXPECT_THAT(xml, HasSubstr("<property name=\"connection.strategy\" value=\"under-reset\"/>"));
    EXPECT_THAT(xml, HasSubstr("<property name=\"connection.errors_by_kind.target-not-responding\" value=\"2\"/>"));
    EXPECT_THAT(xml, HasSubstr("<property name=\"flash.verified\" value=\"true\"/>"));
    EXPECT_THAT(xml, HasSubstr("<property name=\"seed\" value=\"42\"/>"));
}

TEST(JunitWriter, SuiteErrorBecomesASetupTestCase)
{
    Report report;
    SuiteResult run;
    run.name = "lockout";
    record_run_error(run, "SWD is not answering", "target-not-responding");
    report.runs.push_back(run);
    const std::string xml = junit_xml(report);
    EXPECT_EQ(validate(xml, "setup_error"), 0);
    EXPECT_THAT(xml, HasSubstr("tests=\"1\" failures=\"0\" errors=\"1\""));
    EXPECT_THAT(xml, HasSubstr("<testcase name=\"suite setup\""));
    EXPECT_THAT(xml, HasSubstr("message=\"SWD is not answering\""));
}

TEST(JunitWriter, RunsOnBoardsGetTheirOwnClassName)
{
    Report report;
    for (const char* board : {"bp-1", "bp-2"}) {
        SuiteResult run;
        run.name = "blink";
        run.board = board;
        TestResult test;
        test.name = "blinks at 1 Hz";
        run.tests.push_back(test);
        report.runs.push_back(run);
    }
    const std::string xml = junit_xml(report);
    EXPECT_EQ(validate(xml, "boards"), 0);
    EXPECT_THAT(xml, HasSubstr("name=\"blinks at 1 Hz\" classname=\"blink.bp-1\""));
    EXPECT_THAT(xml, HasSubstr("name=\"blinks at 1 Hz\" classname=\"blink.bp-2\""));
    EXPECT_THAT(xml, HasSubstr("hostname=\"bp-2\""));
}

TEST(JunitWriter, RepetitionsAreTestCasesWithUniqueNames)
{
    Report report;
    report.runs.push_back(testing::repeated_run());
    const std::string xml = junit_xml(report);
    EXPECT_EQ(validate(xml, "repeated"), 0);
    EXPECT_THAT(xml, HasSubstr("<testcase name=\"blinks [1/5]\" classname=\"soak\""));
    EXPECT_THAT(xml, HasSubstr("<testcase name=\"blinks [2/5]\" classname=\"soak\""));
    EXPECT_THAT(xml, HasSubstr("<testcase name=\"blinks [3/5]\" classname=\"soak\""));
}

TEST(JunitWriter, StepNamesShowInFailuresAndErrors)
{
    Report report;
    report.runs.push_back(testing::repeated_run());
    const std::string xml = junit_xml(report);
    EXPECT_THAT(xml, HasSubstr("<failure type=\"assertion-failed\" message=\"step &quot;LED blinks&quot;: expect_blink "
                               "PC13 1 Hz ±10% over 1000 ms: expected 1 Hz ±10%, measured 0.50 Hz\">"
                               "1. [failed] step \"LED blinks\": expect_blink"));
    EXPECT_THAT(xml, HasSubstr("<error type=\"interrupted\" message=\"step &quot;LED blinks&quot;: expect_blink"));
}

TEST(JunitWriter, TestRunsNotStartedAreAPropertyNotTestCases)
{
    Report report;
    report.runs.push_back(testing::repeated_run());
    const std::string xml = junit_xml(report);
    EXPECT_THAT(xml, HasSubstr("<property name=\"not_run\" value=\"2\"/>"));
    EXPECT_THAT(xml, HasSubstr("<testsuite name=\"soak\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\""));
    EXPECT_THAT(junit_xml(testing::sample_report()), Not(HasSubstr("not_run")));
}

TEST(JunitWriter, InterruptedMillionRepeatIsASmallReport)
{
    Report report;
    report.runs.push_back(testing::repeated_run());
    report.runs[0].tests[0].repetitions = report.runs[0].tests[1].repetitions = report.runs[0].tests[2].repetitions =
        1'000'000;
    report.runs[0].not_run = 999'997;
    const std::string xml = junit_xml(report);
    EXPECT_LT(xml.size(), 8'000u);
    EXPECT_THAT(xml, HasSubstr("<property name=\"not_run\" value=\"999997\"/>"));
    EXPECT_THAT(xml, HasSubstr("name=\"blinks [3/1000000]\""));
}

TEST(JunitWriter, ErrorTypeIsTheTestsErrorKind)
{
    Report report;
    SuiteResult run;
    run.name = "slow";
    TestResult test;
    test.name = "takes too long";
    test.status = Status::Error;
    test.error_kind = "timeout";
    test.message = "the test took longer than its timeout of 100 ms";
    run.tests.push_back(test);
    report.runs.push_back(run);
    EXPECT_THAT(junit_xml(report), HasSubstr("<error type=\"timeout\" message=\"the test took longer"));
}

TEST(JunitWriter, WriteJunitReportWritesTheFile)
{
    const auto file = testing::unique_temp_path("hiltest_junit_test") / "written.xml";
    std::filesystem::create_directories(file.parent_path());
    write_junit_report(file, testing::sample_report());
    std::ifstream in(file);
    const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(content, junit_xml(testing::sample_report()));
    std::filesystem::remove_all(file.parent_path());
}

}  // namespace
}  // namespace hiltest::reports
