// End to end: a suite file with a mistake, or a firmware build that fails, stops `hiltest run`
// before anything runs, and still leaves both reports (valid JUnit and JSON, one "suite setup"
// test in error) and, under GitHub Actions, an annotation on the line at fault.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "probe/base/external_command.hpp"
#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
using nlohmann::json;

class SuiteErrorTest : public RunCommandTest {
protected:
    // hiltest run as a GitHub Actions job runs it.
    CommandResult run_in_github_actions(const std::string& suite, std::vector<std::string> extra = {})
    {
        std::vector<std::string> argv = {kHiltest, "run", suite, "--report-dir", (dir_ / "reports").string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        ExternalCommand command(argv);
        command.environment = {{"GITHUB_ACTIONS", "true"}, {"GITHUB_STEP_SUMMARY", (dir_ / "summary.md").string()}};
        const CommandResult result = run_external_command(command);
        EXPECT_FALSE(result.timed_out) << result.output;
        return result;
    }

    // docs/report.schema.json accepts the JSON report (the check the writer's samples pass too).
    void expect_valid_json_report(const std::string& name)
    {
        const CommandResult check = run_external_command(
            ExternalCommand({"python3", kSource + "/reports/tests/check_report_schema.py", kSource, "--reports",
                             (dir_ / "reports" / (name + ".json")).string()}));
        EXPECT_EQ(check.exit_code, 0) << check.output;
    }

    std::string summary()
    {
        std::ifstream in(dir_ / "summary.md");
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
};

TEST_F(SuiteErrorTest, ATypoedKeyStillWritesBothReportsAndAnnotatesTheLine)
{
    // The suite's name is never read: the reports are named after the file.
    const std::string suite = write_suite("typo", "{\n"
                                                  "  \"name\": \"blink copy\", \"probe\": \"sim\",\n"
                                                  "  \"tests\": [\n"
                                                  "    {\"name\": \"t\", \"stpes\": [{\"do\": \"halt\"}]}\n"
                                                  "  ]\n"
                                                  "}\n");
    const CommandResult result = run_in_github_actions(suite);
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("hiltest: error: " + suite + ":4:19: tests[0].stpes: unknown key"), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("::error file=" + suite + ",line=4,col=19,title=hiltest%3A typo / suite setup error::"),
              std::string::npos)
        << result.output;

    expect_valid_junit("typo");
    expect_valid_json_report("typo");
    const json run = report("typo")["runs"][0];
    EXPECT_EQ(run["suite"], "typo");
    EXPECT_EQ(run["file"], suite);
    EXPECT_EQ(run["error_kind"], "suite-invalid");
    EXPECT_EQ(run["summary"]["tests"], 1);
    EXPECT_EQ(run["summary"]["errors"], 1);
    ASSERT_EQ(run["tests"].size(), 1u);
    const json& setup = run["tests"][0];
    EXPECT_EQ(setup["name"], "suite setup");
    EXPECT_EQ(setup["status"], "error");
    EXPECT_EQ(setup["error_kind"], "suite-invalid");
    EXPECT_EQ(setup["source"], (json{{"file", suite}, {"line", 4}, {"column", 19}}));
    EXPECT_NE(setup["message"].get<std::string>().find("did you mean \"steps\"?"), std::string::npos) << setup;
    EXPECT_NE(summary().find("suite setup"), std::string::npos) << summary();
}

TEST_F(SuiteErrorTest, AFailingFirmwareBuildStillWritesBothReportsAndAnnotatesTheLine)
{
    const std::string suite =
        write_suite("build-fails", "{\n"
                                   "  \"name\": \"firmware build\", \"probe\": \"sim\",\n"
                                   "  \"firmware\": {\"path\": \"never.elf\",\n"
                                   "               \"build\": {\"command\": [\"sh\", \"-c\", \"echo compiler says no; exit 7\"]}},\n"
                                   "  \"tests\": [{\"name\": \"t\", \"steps\": [{\"do\": \"flash\"}]}]\n"
                                   "}\n");
    const CommandResult result = run_in_github_actions(suite);
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("compiler says no"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("::error file=" + suite + ",line=3,col=15,title=hiltest%3A firmware build / suite setup error::"),
              std::string::npos)
        << result.output;

    // The suite parsed, so the reports carry its name, as they would have after a run.
    expect_valid_junit("firmware-build");
    expect_valid_json_report("firmware-build");
    const json run = report("firmware-build")["runs"][0];
    EXPECT_EQ(run["suite"], "firmware build");
    EXPECT_EQ(run["error_kind"], "suite-invalid");
    ASSERT_EQ(run["tests"].size(), 1u);
    const json& setup = run["tests"][0];
    EXPECT_EQ(setup["name"], "suite setup");
    EXPECT_EQ(setup["error_kind"], "suite-invalid");
    EXPECT_EQ(setup["source"], (json{{"file", suite}, {"line", 3}, {"column", 15}}));
    EXPECT_NE(setup["message"].get<std::string>().find("failed with exit code 7"), std::string::npos) << setup;
}

TEST_F(SuiteErrorTest, InvalidJsonIsReportedAtItsPosition)
{
    const std::string suite = write_suite("bad-json", "{\"name\": \"x\",\n \"probe\": \"sim\" \"tests\": []}\n");
    const CommandResult result = run_in_github_actions(suite);
    EXPECT_EQ(result.exit_code, 2) << result.output;
    expect_valid_junit("bad-json");
    expect_valid_json_report("bad-json");
    const json setup = report("bad-json")["runs"][0]["tests"][0];
    EXPECT_EQ(setup["source"]["line"], 2) << setup;
    EXPECT_NE(result.output.find("::error file=" + suite + ",line=2,"), std::string::npos) << result.output;
}

TEST_F(SuiteErrorTest, OutsideGithubActionsThereIsNoAnnotation)
{
    const std::string suite = write_suite("typo", R"({"name": "x", "probe": "sim", "tests": [{"name": "t", "stpes": []}]})");
    const CommandResult result = run(suite);
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_EQ(result.output.find("::error"), std::string::npos) << result.output;
    expect_valid_junit("typo");
    // The long reason is said once on the console, by the error message.
    const std::string reason = "unknown key \"stpes\"";
    EXPECT_EQ(result.output.find(reason), result.output.rfind(reason)) << result.output;
}

TEST_F(SuiteErrorTest, ABadCommandLineWritesNoReport)
{
    const CommandResult result = run(testsuite("blink"), {"--shard", "5/4"});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_FALSE(fs::exists(dir_ / "reports")) << result.output;
}

}  // namespace
}  // namespace hiltest
