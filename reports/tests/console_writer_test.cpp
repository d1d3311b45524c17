#include "reports/console_writer.hpp"

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "reports/tests/sample_reports.hpp"

namespace hiltest::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Environment environment(std::map<std::string, std::string, std::less<>> variables)
{
    return Environment{std::move(variables)};
}

TEST(ConsoleReport, ColourOnlyOnATerminalWithoutNoColor)
{
    EXPECT_TRUE(console_options(true, environment({})).colour);
    EXPECT_FALSE(console_options(false, environment({})).colour);
    EXPECT_FALSE(console_options(true, environment({{"NO_COLOR", "1"}})).colour);
    EXPECT_TRUE(console_options(true, environment({{"NO_COLOR", ""}})).colour);  // no-color.org: empty = unset
    EXPECT_FALSE(console_options(true, environment({{"TERM", "dumb"}})).colour);
    EXPECT_TRUE(console_options(true, environment({{"NO_COLOR", "1"}})).terminal);
}

TEST(ConsoleReport, PlainOutputHasNoEscapes)
{
    std::ostringstream out;
    write_console_report(out, testing::sample_report(), ConsoleOptions{false, false});
    EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
}

TEST(ConsoleReport, ColouredOutputPaintsStatuses)
{
    std::ostringstream out;
    write_console_report(out, testing::sample_report(), ConsoleOptions{true, true});
    EXPECT_THAT(out.str(), HasSubstr("\x1b[32mPASS "));
    EXPECT_THAT(out.str(), HasSubstr("\x1b[31mFAIL "));
}

TEST(ConsoleReport, OneLinePerTestWithFailureDetails)
{
    std::ostringstream out;
    write_console_report(out, testing::sample_report(), ConsoleOptions{false, false});
    const std::string text = out.str();
    EXPECT_THAT(text, HasSubstr("blink: 5 tests on sim\n"));
    EXPECT_THAT(text, HasSubstr("  PASS  flash (0.800 s)\n"));
    EXPECT_THAT(text, HasSubstr("  FAIL  blinks at 2 Hz (1.500 s)\n"
                                "        expect_blink PC13 2 Hz ±10% over 2000 ms at testsuites/blink.json:19:7\n"
                                "        expected 2 Hz ±10%, measured 1.00 Hz\n"));
    EXPECT_THAT(text, HasSubstr("  ERROR reads uptime (0.100 s)\n"));
    EXPECT_THAT(text, HasSubstr("the target answered FAULT reading 0x20000000"));
    EXPECT_THAT(text, HasSubstr("  SKIP  after reads uptime (0.000 s)\n        skipped: depends on"));
    EXPECT_THAT(text, HasSubstr("  INTR  long soak"));
    EXPECT_THAT(text, HasSubstr("blink: 1 passed, 1 failed, 1 error, 1 skipped, 1 interrupted in 2.410 s\n"));
}

TEST(ConsoleReport, ARunThatCouldNotStartSaysWhyOnce)
{
    // An unreachable board: every test is an error for the same long reason.
    SuiteResult run;
    run.name = "blink";
    record_run_error(run, "cannot connect to the target: its SWD debug port does not answer", "target-not-responding");
    for (const char* name : {"one", "two", "three"}) {
        TestResult test;
        test.name = name;
        test.status = Status::Error;
        test.message = "not run: " + run.error;
        run.tests.push_back(test);
    }
    std::ostringstream out;
    ConsoleReporter console(out, ConsoleOptions{false, false});
    for (const TestResult& test : run.tests) console.test_finished(test);
    console.suite_finished(run);
    const std::string text = out.str();
    std::size_t times = 0;
    for (std::size_t at = text.find(run.error); at != std::string::npos; at = text.find(run.error, at + 1)) ++times;
    EXPECT_EQ(times, 1u) << text;
    EXPECT_THAT(text, HasSubstr("  ERROR three (0.000 s)\n        (the same reason as above)\n"));
}

TEST(ConsoleReport, RepetitionsAndStepNamesAreShown)
{
    Report report;
    report.runs.push_back(testing::repeated_run());
    std::ostringstream out;
    write_console_report(out, report, ConsoleOptions{false, false});
    const std::string text = out.str();
    EXPECT_THAT(text, HasSubstr("  PASS  blinks [1/5] (1.000 s)\n"));
    EXPECT_THAT(text, HasSubstr("  FAIL  blinks [2/5] (1.000 s)\n"
                                "        step \"LED blinks\": expect_blink PC13 1 Hz ±10% over 1000 ms at "
                                "testsuites/soak.json:8:9\n"
                                "        expected 1 Hz ±10%, measured 0.50 Hz\n"));
    EXPECT_THAT(text, HasSubstr("  INTR  blinks [3/5] (1.000 s)\n"));
}

TEST(ConsoleReport, SummarySaysHowManyWereNotRunBecauseOfTheInterruption)
{
    std::ostringstream out;
    ConsoleReporter(out, ConsoleOptions{false, false}).suite_finished(testing::repeated_run());
    EXPECT_EQ(out.str(), "soak: 1 passed, 1 failed, 0 errors, 0 skipped, 1 interrupted, "
                         "2 not run because of the interruption in 3.000 s\n");
}

TEST(ConsoleReport, FirmwareCannotDriveTheTerminal)
{
    Report report;
    report.runs.push_back(testing::hostile_run());
    std::ostringstream out;
    write_console_report(out, report, ConsoleOptions{false, false});
    EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
    EXPECT_EQ(out.str().find('\r'), std::string::npos);
    EXPECT_THAT(out.str(), HasSubstr("\\x1B[31m"));
}

TEST(ConsoleReport, ProgressBarRedrawsOnATerminal)
{
    std::ostringstream out;
    ConsoleReporter console(out, ConsoleOptions{false, true});
    console.flash_progress(0, 65536);
    console.flash_progress(32768, 65536);
    console.flash_progress(65536, 65536);
    EXPECT_EQ(out.str(), "\r  flashing [..............................] 0% 0/64 KiB"
                         "\r  flashing [###############...............] 50% 32/64 KiB"
                         "\r  flashing [##############################] 100% 64/64 KiB\n");
}

TEST(ConsoleReport, ProgressBarPrintsOnceWhenNotATerminal)
{
    std::ostringstream out;
    ConsoleReporter console(out, ConsoleOptions{false, false});
    console.flash_progress(0, 2048);
    console.flash_progress(1024, 2048);
    console.flash_progress(2048, 2048);
    EXPECT_EQ(out.str(), "  flashing [##############################] 100% 2/2 KiB\n");
}

TEST(ConsoleReport, InterruptedProgressLineIsClosedBeforeTheNextLine)
{
    std::ostringstream out;
    ConsoleReporter console(out, ConsoleOptions{false, true});
    console.flash_progress(10, 100);
    TestResult test;
    test.name = "t";
    test.status = Status::Error;
    test.message = "probe unplugged";
    console.test_finished(test);
    EXPECT_THAT(out.str(), HasSubstr("KiB\n  ERROR t"));
    EXPECT_THAT(out.str(), HasSubstr("probe unplugged"));
}

TEST(ConsoleReport, SummaryIsGreenOnlyWhenAllPassed)
{
    SuiteResult run;
    run.name = "ok";
    run.tests.push_back(TestResult{});
    std::ostringstream out;
    ConsoleReporter(out, ConsoleOptions{true, true}).suite_finished(run);
    EXPECT_THAT(out.str(), HasSubstr("\x1b[32mok: 1 passed, 0 failed, 0 errors, 0 skipped in 0.000 s"));
    EXPECT_THAT(out.str(), Not(HasSubstr("interrupted")));
}

TEST(ConsoleReport, MergedReportEndsWithATotalLine)
{
    Report report = testing::sample_report();
    report.runs.push_back(testing::sample_report().runs[0]);
    report.runs[1].board = "bench-2";
    std::ostringstream out;
    write_console_report(out, report, ConsoleOptions{false, false});
    EXPECT_THAT(out.str(), HasSubstr("blink [bench-2]: 5 tests on sim\n"));
    EXPECT_THAT(out.str(), HasSubstr("total of 2 runs: 2 passed, 2 failed, 2 errors, 2 skipped, 2 interrupted in 4.820 s\n"));
}

}  // namespace
}  // namespace hiltest::reports
