// End to end: where `hiltest run` and `hiltest report merge` write is checked before the run
// (exit 2, before any board is touched), a report written to a device stays a device, and a
// --flash-state that cannot be saved fails the run instead of passing with the old flash.
#include <gtest/gtest.h>
#include <sys/stat.h>

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
namespace fs = std::filesystem;

class OutputPaths : public RunCommandTest {
protected:
    // `hiltest ARGS…`; no --report-dir unless given.
    CommandResult hiltest(std::vector<std::string> arguments)
    {
        arguments.insert(arguments.begin(), kHiltest);
        ExternalCommand command(arguments);
        command.timeout = std::chrono::seconds(120);
        CommandResult result = run_external_command(command);
        EXPECT_FALSE(result.timed_out) << result.output;
        return result;
    }

    std::string quick_suite()
    {
        return write_suite("quick", R"({
          "name": "quick", "probe": "sim", "firmware": ")" + kFirmware + R"(/blink_delay.elf",
          "tests": [{"name": "flash", "steps": [{"do": "flash"}, {"do": "reset", "mode": "run"}]}]})");
    }
};

TEST_F(OutputPaths, AReportFolderUnderARegularFileIsAUsageErrorBeforeConnecting)
{
    std::ofstream(dir_ / "notes.txt") << "a file, not a folder";
    const fs::path reports = dir_ / "notes.txt" / "reports";
    const CommandResult result = hiltest({"run", quick_suite(), "--report-dir", reports.string()});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find(reports.string()), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("is a file, not a folder"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("what to do:"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("connected"), std::string::npos) << "no board was touched\n" << result.output;
}

TEST_F(OutputPaths, AMissingReportFolderIsCreatedUpFront)
{
    const fs::path reports = dir_ / "ci" / "out" / "reports";
    const CommandResult result = hiltest({"run", quick_suite(), "--report-dir", reports.string()});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_TRUE(fs::exists(reports / "quick.json")) << result.output;
}

TEST_F(OutputPaths, AJsonReportToADeviceIsWrittenInPlace)
{
    // /dev/stdout: the report reaches the console's pipe, and /dev/null stays a device.
    const CommandResult result =
        hiltest({"run", quick_suite(), "--report-dir", (dir_ / "reports").string(), "--json", "/dev/stdout", "--junit", "/dev/null"});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("\"schema\": \"hiltest-report\""), std::string::npos) << result.output;
    struct stat info {};
    ASSERT_EQ(::stat("/dev/null", &info), 0);
    EXPECT_TRUE(S_ISCHR(info.st_mode));
}

TEST_F(OutputPaths, AFolderAsJsonReportIsRefusedBeforeTheRun)
{
    fs::create_directories(dir_ / "out.json");
    const CommandResult result =
        hiltest({"run", quick_suite(), "--report-dir", (dir_ / "reports").string(), "--json", (dir_ / "out.json").string()});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("is a folder, not a file"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("connected"), std::string::npos) << result.output;
}

TEST_F(OutputPaths, AFlashStateThatIsNoFlashStateFileIsRefusedBeforeTheRun)
{
    std::ofstream(dir_ / "flash.state") << "not a flash state";
    const CommandResult result = hiltest({"run", quick_suite(), "--report-dir", (dir_ / "reports").string(),
                                          "--flash-state", (dir_ / "flash.state").string()});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("is not a usable flash state file"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("connected"), std::string::npos) << result.output;
    EXPECT_EQ(std::ifstream(dir_ / "flash.state").peek(), 'n') << "left as it was";
}

TEST_F(OutputPaths, AFlashStateInAFolderThatCannotBeCreatedIsRefusedBeforeTheRun)
{
    // /proc takes no new entries, for root neither.
    const CommandResult result = hiltest({"run", quick_suite(), "--report-dir", (dir_ / "reports").string(),
                                          "--flash-state", "/proc/hiltest/flash.state"});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("--flash-state '/proc/hiltest/flash.state'"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("connected"), std::string::npos) << result.output;
}

TEST_F(OutputPaths, AFlashStateThatCannotBeSavedFailsTheRun)
{
    // A file size limit (which binds root too) lets the small reports through and stops the
    // 64 KiB flash state part-way: the save fails after the run, deterministically. SIGXFSZ is
    // ignored so the write fails with EFBIG instead of killing hiltest.
    const fs::path state = dir_ / "flash.state";
    const std::string command = "trap '' XFSZ; ulimit -f 64; exec " + quote_command_line({kHiltest, "run", quick_suite(),
        "--report-dir", (dir_ / "reports").string(), "--flash-state", state.string()});
    ExternalCommand shell({"/bin/sh", "-c", command});
    shell.timeout = std::chrono::seconds(120);
    const CommandResult result = run_external_command(shell);
    EXPECT_NE(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("the flash state was not saved"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find(state.string()), std::string::npos) << result.output;
    std::ifstream in(dir_ / "reports" / "quick.json");
    ASSERT_TRUE(in.good()) << result.output;
    const json run = json::parse(in)["runs"][0];
    EXPECT_NE(run["error"].get<std::string>().find("the flash state was not saved"), std::string::npos) << run.dump(2);
    EXPECT_FALSE(fs::exists(state)) << "no half-written flash state";
}

TEST_F(OutputPaths, ReportMergeChecksItsOutputsBeforeReadingTheInputs)
{
    std::ofstream(dir_ / "notes.txt") << "a file";
    std::ofstream(dir_ / "in.json") << "{ not a report";
    const CommandResult result =
        hiltest({"report", "merge", (dir_ / "notes.txt" / "all.json").string(), (dir_ / "in.json").string()});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("is a file, not a folder"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace hiltest
