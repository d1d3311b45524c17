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
    EXPECT_EQ(run["connection"]["errors_by_kind"]["TargetNotResponding"], 2);
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
    EXPECT_EQ(tests[2]["steps"][0]["error_kind"], "TargetFault");
    EXPECT_EQ(tests[3]["message"], "skipped: depends on \"reads uptime\", which did not pass");
    EXPECT_EQ(tests[4]["uart"], "uart says hi\n");
    EXPECT_FALSE(tests[0].contains("output"));
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
    const Report original = testing::sample_report();
    const Report copy = report_from_json(json::parse(json_report_text(original)));
    EXPECT_EQ(report_to_json(copy), report_to_json(original));
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
        {{"attempts", 3}, {"backoff_ms", 1.5}, {"strategy", "under-reset"}, {"errors_by_kind", {{"UsbTimeout", 1}}}},
        {{"attempts", 1}, {"backoff_ms", 2}, {"strategy", "normal"}, {"errors_by_kind", {{"UsbTimeout", 2}, {"UsbIo", 1}}}},
        {{"attempts", 2}, {"strategy", "normal"}, {"list", {1, 2}}},
    });
    EXPECT_EQ(total["attempts"], 6);
    EXPECT_DOUBLE_EQ(total["backoff_ms"].get<double>(), 3.5);
    EXPECT_EQ(total["strategy"], (json{{"normal", 2}, {"under-reset", 1}}));
    EXPECT_EQ(total["errors_by_kind"], (json{{"UsbTimeout", 3}, {"UsbIo", 1}}));
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
