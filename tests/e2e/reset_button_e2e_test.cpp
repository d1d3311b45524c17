// End to end: the hold-RESET remedy for firmware that turns SWD off right after reset, on a Blue
// Pill without NRST. The board's flash holds swd_lockout; a person holds the RESET button from
// power-on and lets go when hiltest says so; the first, plain attempt catches the core at the
// reset vector and the suite flashes firmware that keeps SWD on. Without the button the same
// board is lost, with the diagnosis that tells the person to hold it.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
using ResetButton = RunCommandTest;

constexpr const char* kRelease = "release the board's RESET button now";

// A simulated board's flash, saved with swd_lockout programmed into it.
std::string locked_out_flash_state(const fs::path& dir)
{
    const std::string state = (dir / "lockout.flash").string();
    ExternalCommand command({kHiltest, "flash", kFirmware + "/swd_lockout.elf", "--probe", "sim", "--flash-state", state});
    command.timeout = std::chrono::seconds(60);
    const CommandResult flashed = run_external_command(command);
    EXPECT_EQ(flashed.exit_code, 0) << flashed.output;
    EXPECT_TRUE(fs::exists(state)) << flashed.output;
    return state;
}

TEST_F(ResetButton, HoldingTheButtonGetsALockedOutBoardBackInOneAttempt)
{
    const std::string state = locked_out_flash_state(dir_);
    const CommandResult result = run(testsuite("reset-button"), {"--flash-state", state});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    const std::size_t hint = result.output.find("keep holding it until hiltest says to release it");
    const std::size_t release = result.output.find(kRelease);
    ASSERT_NE(hint, std::string::npos) << result.output;
    ASSERT_NE(release, std::string::npos) << result.output;
    EXPECT_LT(hint, release) << result.output;
    EXPECT_LT(release, result.output.find("connected:")) << result.output;
    EXPECT_EQ(result.output.find(kRelease, release + 1), std::string::npos) << "said once\n" << result.output;

    const json run_report = report("reset-button")["runs"][0];
    for (const json& test : run_report["tests"]) EXPECT_EQ(test["status"], "passed") << test.dump(2);
    const json& connection = run_report["connection"];
    ASSERT_EQ(connection["attempt_log"].size(), 1u) << connection.dump(2);
    const json& attempt = connection["attempt_log"][0];
    EXPECT_EQ(attempt["result"], "connected") << connection.dump(2);
    EXPECT_EQ(attempt["strategy"], "plain") << connection.dump(2);
    EXPECT_FALSE(attempt.contains("restarted_firmware")) << "no test was running yet\n" << connection.dump(2);
    expect_valid_junit("reset-button");
}

TEST_F(ResetButton, WithoutTheButtonTheSameBoardIsLostWithTheHoldResetDiagnosis)
{
    const std::string state = locked_out_flash_state(dir_);
    std::ifstream in(testsuite("reset-button"));
    json suite = json::parse(in);
    suite["simulated_board"].erase("reset_button_ms");
    suite.erase("$schema");
    const CommandResult result = run(write_suite("reset-button", suite.dump()), {"--flash-state", state});
    EXPECT_EQ(result.exit_code, 3) << result.output;
    EXPECT_NE(result.output.find("hold the board's RESET button"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("communication failure"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("  " + std::string(kRelease) + "\n"), std::string::npos)
        << "nobody held the button: nobody is told to let go of it\n" << result.output;
    const json connection = report("reset-button")["runs"][0]["connection"];
    EXPECT_GE(connection["failures"].get<int>(), 1) << connection.dump(2);
}

TEST_F(ResetButton, ABenchBoardsResetButtonTimeIsUsed)
{
    // The blink suite itself presses nothing: the bench's simulated block does, on one board.
    const fs::path bench = dir_ / "bench.json";
    std::ofstream(bench) << R"({"boards": [
      {"name": "held", "probe": "sim", "nrst_wired": false,
       "simulated": {"firmware": ")" + kFirmware + R"(/swd_lockout.elf", "reset_button_ms": 800}},
      {"name": "untouched", "probe": "sim", "nrst_wired": false,
       "simulated": {"firmware": ")" + kFirmware + R"(/swd_lockout.elf"}}]})";
    const CommandResult result = run(testsuite("blink"), {"--bench", bench.string()});
    EXPECT_EQ(result.exit_code, 3) << "the untouched board is lost\n" << result.output;
    const json held = report("blink.held")["runs"][0];
    EXPECT_EQ(held["summary"]["result"], "passed") << held.dump(2);
    EXPECT_EQ(held["connection"]["attempt_log"].size(), 1u) << held["connection"].dump(2);
    EXPECT_NE(result.output.find("[held]"), std::string::npos) << result.output;
    const json untouched = report("blink.untouched")["runs"][0];
    EXPECT_NE(untouched["summary"]["result"], "passed") << untouched.dump(2);
    EXPECT_NE(untouched.value("error", "").find("hold the board's RESET button"), std::string::npos)
        << untouched.dump(2);
}

}  // namespace
}  // namespace hiltest
