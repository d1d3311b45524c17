#include "probe/base/external_command.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "probe/base/error.hpp"

namespace hiltest {
namespace {

TEST(ExternalCommand, CapturesOutputAndExitCode)
{
    const CommandResult result = run_external_command(ExternalCommand{{"sh", "-c", "echo out; echo err >&2; exit 3"}});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_FALSE(result.timed_out);
    EXPECT_NE(result.output.find("out\n"), std::string::npos);
    EXPECT_NE(result.output.find("err\n"), std::string::npos);
}

TEST(ExternalCommand, PassesArgumentsWithoutAShell)
{
    const CommandResult result = run_external_command(ExternalCommand{{"printf", "%s|", "a b", "$HOME", "*"}});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.output, "a b|$HOME|*|\n");
}

TEST(ExternalCommand, AddsEnvironmentAndWorkingDirectory)
{
    ExternalCommand command{{"sh", "-c", "echo $HILTEST_PROBE_VALUE; pwd"}};
    command.environment = {{"HILTEST_PROBE_VALUE", "42"}};
    command.working_directory = "/";
    EXPECT_EQ(run_external_command(command).output, "42\n/\n");
}

TEST(ExternalCommand, KillsAProgramThatOverrunsItsTimeout)
{
    ExternalCommand command{{"sleep", "30"}};
    command.timeout = std::chrono::milliseconds(20);
    const CommandResult result = run_external_command(command);
    EXPECT_TRUE(result.timed_out);
    EXPECT_EQ(result.exit_code, 128 + 9) << "killed with SIGKILL";
}

TEST(ExternalCommand, ATimeoutAlsoKillsWhatTheProgramStarted)
{
    // A shell hook that starts a helper in the background: the helper must not outlive the
    // timeout (it used to: only the shell was killed).
    const std::string pid_file = ::testing::TempDir() + "hiltest-grandchild.pid";
    ExternalCommand command{{"sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $! > " + pid_file + "; wait"}};
    command.timeout = std::chrono::milliseconds(100);
    EXPECT_TRUE(run_external_command(command).timed_out);
    std::ifstream in(pid_file);
    int pid = 0;
    ASSERT_TRUE(in >> pid) << "the shell did not write the helper's PID";
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const std::size_t state_at = line.rfind(')');
    const char state = (stat && state_at != std::string::npos && state_at + 2 < line.size()) ? line[state_at + 2] : 'X';
    // Killed: gone (X), a zombie (Z) or still on its way out; alive it would sleep out its 30 s (S).
    EXPECT_NE(state, 'S') << "the background helper is still alive: " << line;
    std::remove(pid_file.c_str());
}

TEST(ExternalCommand, MissingProgramIsAUsageError)
{
    try {
        run_external_command(ExternalCommand{{"hiltest-no-such-program-x"}});
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        EXPECT_NE(std::string(e.what()).find("hiltest-no-such-program-x"), std::string::npos);
    }
}

TEST(ExternalCommand, QuotesArgumentsForDisplay)
{
    EXPECT_EQ(quote_command_line({"make", "-C", "my dir", ""}), "make -C 'my dir' ''");
}

}  // namespace
}  // namespace hiltest
