// End to end: a test firmware's own verdict through its semihosting exit status (expect_exit,
// suite-level and as a step) on exit_status, which prints a line and exits with status 3.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
using ExitStatus = RunCommandTest;

constexpr int kExitTestFailed = 1;  // runner/cli/exit_code.hpp: the firmware regressed

std::string read_text(const fs::path& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST_F(ExitStatus, SimRunReportsTheFailureExitWithoutFidelityWarning)
{
    const CommandResult result = run_program({kHiltest, "sim", "run", kFirmware + "/exit_status.elf", "--for", "100ms"});
    EXPECT_EQ(result.exit_code, kExitTestFailed) << result.output;  // status 3 is a failure exit
    EXPECT_NE(result.output.find("exit_status: 3 checks failed"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("status 3 (ADP_Stopped_ApplicationExit): a failure exit"), std::string::npos)
        << result.output;
    EXPECT_EQ(result.output.find("fidelity warning"), std::string::npos) << result.output;
}

TEST_F(ExitStatus, TheSuiteExpectingStatus3Passes)
{
    const CommandResult result = run(testsuite("exit-status"));
    EXPECT_EQ(result.exit_code, 0) << result.output;
    const json run_report = report("exit-status")["runs"][0];
    const json& inherited = run_report["tests"][0]["steps"].back();
    EXPECT_EQ(inherited["kind"], "expect_exit") << run_report.dump(2);
    EXPECT_EQ(inherited["status"], "passed");
    EXPECT_EQ(inherited["measurements"]["exit_status"], 3);
    EXPECT_EQ(inherited["measurements"]["exit_reason"], "0x20026");
    EXPECT_EQ(inherited["measurements"]["exit_reason_name"], "ADP_Stopped_ApplicationExit");
    expect_valid_junit("exit-status");
}

TEST_F(ExitStatus, ASuiteExpectingStatus0SaysTheFirmwareRegressedAndNamesBothStatuses)
{
    const std::string suite = write_suite("expects-0", R"({"name": "expects-0", "probe": "sim",
        "firmware": ")" + kFirmware + R"(/exit_status.elf", "expect_exit": {"status": 0},
        "tests": [{"name": "self-judged", "steps": [{"do": "flash"}, {"do": "reset"}]}]})");
    const CommandResult result = run(suite);
    EXPECT_EQ(result.exit_code, kExitTestFailed) << result.output;
    const std::string message =
        "the firmware exited with status 3 (ADP_Stopped_ApplicationExit), expected status 0 (ADP_Stopped_ApplicationExit)";
    EXPECT_NE(result.output.find(message), std::string::npos) << result.output;
    const std::string junit = read_text(dir_ / "reports" / "expects-0.junit.xml");
    EXPECT_NE(junit.find("<failure"), std::string::npos) << junit;
    EXPECT_NE(junit.find(message), std::string::npos) << junit;
    expect_valid_junit("expects-0");
    const json test = report("expects-0")["runs"][0]["tests"][0];
    EXPECT_EQ(test["status"], "failed") << test.dump(2);
    EXPECT_EQ(test["steps"].back()["measurements"]["exit_status"], 3);
}

}  // namespace
}  // namespace hiltest
