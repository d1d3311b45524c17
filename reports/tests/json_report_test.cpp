#include "reports/json_report.hpp"

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "probe/base/error.hpp"
#include "reports/merge.hpp"
#include "reports/tests/sample_reports.hpp"

namespace hiltest::reports {
namespace {

using ::testing::HasSubstr;
using nlohmann::json;

TEST(ReportJson, HeaderAndSummary)
{
    const json report = report_to_json(testing::sample_report());
    EXPECT_EQ(report["schema"], "hiltest-report");
    EXPECT_EQ(report["schema_version"], 1);
    const json& summary = report["summary"];
    EXPECT_EQ(summary["result"], "interrupted");
    EXPECT_EQ(summary["tests"], 5);
    EXPECT_EQ(summary["passed"], 1);
    EXPECT_EQ(summary["failed"], 1);
    EXPECT_EQ(summary["errors"], 1);
    EXPECT_EQ(summary["skipped"], 1);
    EXPECT_EQ(summary["interrupted"], 1);
    EXPECT_DOUBLE_EQ(summary["duration_ms"].get<double>(), 2410.0);
}

TEST(ReportJson, RunPropertiesAndStatistics)
{
    const json run = report_to_json(testing::sample_report())["runs"][0];
    EXPECT_EQ(run["suite"], "blink");
    EXPECT_EQ(run["file"], "testsuites/blink.json");
    EXPECT_EQ(run["started_at"], "2026-11-23T23:00:00Z");
    EXPECT_EQ(run["interrupted"], true);
    EXPECT_EQ(run["properties"]["probe_serial"], "SIM0001");
    EXPECT_EQ(run["properties"]["firmware_sha256"], std::string(64, 'a'));
    EXPECT_EQ(run["properties"]["seed"], 42);
    EXPECT_EQ(run["connection"]["attempts"], 3);
    EXPECT_EQ(run["connection"]["strategy"], "under-reset");
    EXPECT_EQ(run["connection"]["errors_by_kind"]["target-not-responding"], 2);
    EXPECT_EQ(run["flash"]["bytes_written"], 4096);
}

TEST(ReportJson, TestsAndStepsFieldByField)
{
    const json tests = report_to_json(testing::sample_report())["runs"][0]["tests"];
    ASSERT_EQ(tests.size(), 5u);
    EXPECT_EQ(tests[0]["name"], "flash");
    EXPECT_EQ(tests[0]["status"], "passed");
    EXPECT_DOUBLE_EQ(tests[0]["duration_ms"].get<double>(), 800.0);
    EXPECT_EQ(tests[0]["source"], (json{{"file", "testsuites/blink.json"}, {"line", 14}, {"column", 5}}));
    const json& step = tests[1]["steps"][0];
    EXPECT_EQ(step["kind"], "expect_blink");
    EXPECT_EQ(step["status"], "failed");
    EXPECT_EQ(step["expected"], "2 Hz ±10%");
    EXPECT_EQ(step["measured"], "1.00 Hz");
    EXPECT_DOUBLE_EQ(step["measurements"]["frequency_hz"].get<double>(), 1.0);
    EXPECT_DOUBLE_EQ(step["duration_ms"].get<double>(), 1450.0);
    EXPECT_EQ(tests[2]["steps"][0]["error_kind"], "target-fault");
    EXPECT_EQ(tests[2]["error_kind"], "target-fault");
    EXPECT_FALSE(tests[1].contains("error_kind"));
    EXPECT_FALSE(tests[1].contains("repetition"));
    EXPECT_EQ(tests[3]["message"], "skipped: depends on \"reads uptime\", which did not pass");
    EXPECT_EQ(tests[4]["outputs"][0]["channel"], "uart1");
    EXPECT_EQ(tests[4]["outputs"][0]["lines"][0]["text"], "uart says hi\n");
    EXPECT_EQ(tests[4]["outputs"][0]["lines"][0]["at_ms"], 1.5);
    EXPECT_FALSE(tests[4].contains("output")) << "no semihosting text: no output field";
    EXPECT_FALSE(tests[0].contains("output"));
}

TEST(ReportJson, RepetitionsStepNamesAndNotRun)
{
    Report report;
    report.runs.push_back(testing::repeated_run());
    const json written = report_to_json(report);
    EXPECT_EQ(written["summary"]["tests"], 3);
    EXPECT_EQ(written["summary"]["not_run"], 2);
    const json& run = written["runs"][0];
    EXPECT_EQ(run["summary"]["not_run"], 2);
    const json& tests = run["tests"];
    ASSERT_EQ(tests.size(), 3u);
    EXPECT_EQ(tests[1]["name"], "blinks");  // the suite's name; the repetition is apart
    EXPECT_EQ(tests[1]["repetition"], 2);
    EXPECT_EQ(tests[1]["repetitions"], 5);
    EXPECT_EQ(tests[1]["steps"][0]["name"], "LED blinks");
    EXPECT_EQ(run["test_counts"], (json{{"blinks",
                                         {{"runs", 3}, {"passed", 1}, {"failed", 1}, {"errors", 0}, {"skipped", 0},
                                          {"interrupted", 1}}}}));
    EXPECT_FALSE(report_to_json(testing::sample_report())["runs"][0].contains("test_counts"));
    EXPECT_EQ(report_to_json(testing::sample_report())["summary"]["not_run"], 0);
}

TEST(ReportJson, RunErrorAndItsKind)
{
    Report report;
    SuiteResult run;
    run.name = "broken";
    record_run_error(run, "broken.json:3:7: tests[0].stpes: unknown key", "suite-invalid", {"broken.json", 3, 7});
    report.runs.push_back(run);
    const json written = report_to_json(report)["runs"][0];
    EXPECT_EQ(written["error"], "broken.json:3:7: tests[0].stpes: unknown key");
    EXPECT_EQ(written["error_kind"], "suite-invalid");
    ASSERT_EQ(written["tests"].size(), 1u);
    EXPECT_EQ(written["tests"][0]["name"], "suite setup");
    EXPECT_EQ(written["tests"][0]["error_kind"], "suite-invalid");
    EXPECT_EQ(written["tests"][0]["source"], (json{{"file", "broken.json"}, {"line", 3}, {"column", 7}}));
    EXPECT_EQ(written["summary"]["errors"], 1);
    const Report copy = report_from_json(report_to_json(report));
    ASSERT_EQ(copy.runs[0].tests.size(), 1u);  // read back, not added a second time
    EXPECT_EQ(copy.runs[0].error_kind, "suite-invalid");
    EXPECT_EQ(copy.runs[0].tests[0].error_kind, "suite-invalid");
}

TEST(ReportJson, InterruptedMillionRepeatIsASmallReport)
{
    Report report;
    report.runs.push_back(testing::repeated_run());
    for (TestResult& test : report.runs[0].tests) test.repetitions = 1'000'000;
    report.runs[0].not_run = 999'997;
    const std::string text = json_report_text(report);
    EXPECT_LT(text.size(), 8'000u);
    EXPECT_EQ(json::parse(text)["summary"]["not_run"], 999'997);
}

TEST(ReportJson, OlderReportsWithARunErrorGainTheSuiteSetupTest)
{
    // What a report of the previous version looks like: the run's error, counted in the
    // summary, but no test for it (its JUnit writer made one up), and error kinds only at steps.
    json old = report_to_json(testing::sample_report());
    json& run = old["runs"][0];
    run["error"] = "cannot connect to the target";
    run["summary"]["tests"] = 6;
    run["summary"]["errors"] = 2;
    run["summary"].erase("not_run");
    run["tests"][2].erase("error_kind");
    const Report read = report_from_json(old);
    ASSERT_EQ(read.runs[0].tests.size(), 6u);
    const TestResult& setup = read.runs[0].tests.back();
    EXPECT_EQ(setup.name, "suite setup");
    EXPECT_EQ(setup.status, Status::Error);
    EXPECT_EQ(setup.message, "cannot connect to the target");
    EXPECT_EQ(count(read.runs[0]).tests, 6u);
    EXPECT_EQ(count(read.runs[0]).errors, 2u);
    EXPECT_EQ(read.runs[0].not_run, 0u);
    EXPECT_EQ(read.runs[0].tests[2].error_kind, "target-fault");  // taken from its failing step
    EXPECT_EQ(merge_reports({read, read}).counts().errors, 4u);
}

TEST(ReportJson, HostileBytesGiveStrictlyValidUtf8Json)
{
    Report report;
    report.runs.push_back(testing::hostile_run());
    const std::string text = json_report_text(report);
    const json parsed = json::parse(text);  // throws on invalid UTF-8
    const std::string output = parsed["runs"][0]["tests"][0]["output"];
    EXPECT_THAT(output, HasSubstr("\\x1B[31m"));
    EXPECT_THAT(output, HasSubstr("\\xFF"));
    EXPECT_EQ(output.find('\x1b'), std::string::npos);
}

TEST(ReportJson, RoundTripsThroughJson)
{
    Report original = testing::sample_report();
    original.runs.push_back(testing::repeated_run());
    SuiteResult broken;
    broken.name = "broken";
    record_run_error(broken, "no ST-Link", "probe-not-found");
    original.runs.push_back(broken);
    const Report copy = report_from_json(json::parse(json_report_text(original)));
    EXPECT_EQ(report_to_json(copy), report_to_json(original));
    ASSERT_EQ(copy.runs.size(), 3u);
    const TestResult& repeated = copy.runs[1].tests[1];
    EXPECT_EQ(repeated.repetition, 2u);
    EXPECT_EQ(repeated.repetitions, 5u);
    EXPECT_EQ(repeated.steps[0].name, "LED blinks");
    EXPECT_EQ(copy.runs[1].not_run, 2u);
    EXPECT_EQ(copy.runs[0].tests[2].error_kind, "target-fault");
    EXPECT_EQ(copy.runs[2].error_kind, "probe-not-found");
    EXPECT_EQ(copy.runs[2].tests.size(), 1u);
}

TEST(ReportJson, RejectsOtherDocumentsAndVersions)
{
    try {
        report_from_json(json{{"hello", 1}}, "x.json");
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::Usage);
        EXPECT_THAT(error.what(), HasSubstr("x.json is not a hiltest JSON report"));
    }
    json future = report_to_json(testing::sample_report());
    future["schema_version"] = 2;
    try {
        report_from_json(future, "f.json");
        FAIL();
    } catch (const Error& error) {
        EXPECT_THAT(error.what(), HasSubstr("f.json has report schema_version 2; this hiltest reads version 1"));
    }
    json broken = report_to_json(testing::sample_report());
    broken["runs"][0]["tests"][0]["status"] = "great";
    EXPECT_THROW(report_from_json(broken), Error);
}

TEST(ReportJson, AddsUpStatistics)
{
    const json total = add_up_statistics({
        {{"attempts", 3}, {"backoff_ms", 1.5}, {"strategy", "under-reset"}, {"errors_by_kind", {{"usb-timeout", 1}}}},
        {{"attempts", 1}, {"backoff_ms", 2}, {"strategy", "normal"}, {"errors_by_kind", {{"usb-timeout", 2}, {"usb-io", 1}}}},
        {{"attempts", 2}, {"strategy", "normal"}, {"list", {1, 2}}},
    });
    EXPECT_EQ(total["attempts"], 6);
    EXPECT_DOUBLE_EQ(total["backoff_ms"].get<double>(), 3.5);
    EXPECT_EQ(total["strategy"], (json{{"normal", 2}, {"under-reset", 1}}));
    EXPECT_EQ(total["errors_by_kind"], (json{{"usb-timeout", 3}, {"usb-io", 1}}));
    EXPECT_FALSE(total.contains("list"));
}

TEST(ReportMerge, TotalsAddUp)
{
    Report shard_a = testing::sample_report();
    Report shard_b = testing::sample_report();
    shard_b.runs[0].board = "bench-2";
    shard_b.runs[0].interrupted = false;
    shard_b.runs[0].tests.pop_back();  // the interrupted one
    const Report merged = merge_reports({shard_a, shard_b});
    ASSERT_EQ(merged.runs.size(), 2u);
    const json report = report_to_json(merged);
    EXPECT_EQ(report["summary"]["tests"], 9);
    EXPECT_EQ(report["summary"]["passed"], 2);
    EXPECT_EQ(report["summary"]["failed"], 2);
    EXPECT_EQ(report["summary"]["errors"], 2);
    EXPECT_EQ(report["summary"]["skipped"], 2);
    EXPECT_EQ(report["summary"]["interrupted"], 1);
    EXPECT_DOUBLE_EQ(report["summary"]["duration_ms"].get<double>(), 4820.0);
    EXPECT_EQ(report["totals"]["connection"]["attempts"], 6);
    EXPECT_EQ(report["totals"]["connection"]["retries"], 4);
    EXPECT_EQ(report["totals"]["connection"]["strategy"]["under-reset"], 2);
    EXPECT_EQ(report["totals"]["flash"]["bytes_written"], 8192);
    EXPECT_EQ(report["runs"][1]["board"], "bench-2");
}

TEST(ReportMerge, MergesFilesInOrder)
{
    const auto folder = testing::unique_temp_path("hiltest_merge_test");
    std::filesystem::create_directories(folder);
    Report first = testing::sample_report();
    first.runs[0].board = "one";
    Report second = testing::sample_report();
    second.runs[0].board = "two";
    write_json_report(folder / "a.json", first);
    write_json_report(folder / "b.json", second);
    const Report merged = merge_report_files({folder / "a.json", folder / "b.json"});
    ASSERT_EQ(merged.runs.size(), 2u);
    EXPECT_EQ(merged.runs[0].board, "one");
    EXPECT_EQ(merged.runs[1].board, "two");
    EXPECT_EQ(merged.counts().tests, 10u);
    std::filesystem::remove_all(folder);
}

TEST(ReportMerge, TruncatedFileIsAClearError)
{
    const auto file = testing::unique_temp_path("hiltest_merge_truncated.json");
    {
        std::ofstream out(file);
        out << json_report_text(testing::sample_report()).substr(0, 100);
    }
    try {
        load_json_report(file);
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::Usage);
        EXPECT_THAT(error.what(), HasSubstr("is not valid JSON"));
    }
    std::filesystem::remove(file);
}

}  // namespace
}  // namespace hiltest::reports
