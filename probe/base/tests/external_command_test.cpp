#include "probe/base/external_command.hpp"

#include <gtest/gtest.h>

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
