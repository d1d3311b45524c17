// End to end over real USB: the on-target suites (run_tests, RTT) through `hiltest sim usb`, so
// hiltest reaches the virtual ST-Link through libusb as it reaches a real one on a bench.
#include <gtest/gtest.h>

#include "probe/base/external_command.hpp"
#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
class OnTargetOverUsb : public RunCommandTest {
protected:
    // `hiltest sim usb -- hiltest run SUITE --probe stlink EXTRA…`: the served virtual ST-Link
    // reached through libusb.
    CommandResult run_over_usb(const std::string& suite, const std::vector<std::string>& extra = {})
    {
        std::vector<std::string> argv = {kHiltest, "sim", "usb", "--", kHiltest, "run", testsuite(suite), "--probe", "stlink",
                                         "--report-dir", (dir_ / "reports").string(), "--var", "firmware_dir=" + kFirmware};
        argv.insert(argv.end(), extra.begin(), extra.end());
        ExternalCommand command(argv);
        command.timeout = std::chrono::seconds(120);
        return run_external_command(command);
    }
};

TEST_F(OnTargetOverUsb, TheUnitySuiteOverRealUsbGivesTheSameCases)
{
    // USART1 is the simulated board's own channel; over USB the board is a real one to hiltest,
    // whose USART would need a serial port: the semihosting test only.
    const CommandResult result = run_over_usb("unity", {"--filter", "unit tests over semihosting"});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(report("unity")["summary"]["on_target_cases"]["passed"], 5);
    EXPECT_EQ(report("unity")["runs"][0]["properties"]["probe"], "stlink");
    expect_valid_junit("unity");
}

TEST_F(OnTargetOverUsb, TheTapSuiteOverRealUsbSelectsThroughTheCommandLine)
{
    const CommandResult result = run_over_usb("tap");
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const json cases = report("tap")["runs"][0]["tests"][1]["steps"][0]["cases"];
    ASSERT_EQ(cases.size(), 2u) << cases.dump(2);
    EXPECT_EQ(cases[0]["name"], "crc32_of_check_string");
    expect_valid_junit("tap");
}

TEST_F(OnTargetOverUsb, TheExitStatusSuiteOverRealUsbJudgesTheFirmwaresOwnVerdict)
{
    const CommandResult result = run_over_usb("exit-status");
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const json steps = report("exit-status")["runs"][0]["tests"][0]["steps"];
    EXPECT_EQ(steps.back()["measurements"]["exit_status"], 3) << steps.dump(2);
}

TEST_F(OnTargetOverUsb, RttOverRealUsbDeliversTheWholeLog)
{
    const CommandResult result = run_over_usb("rtt-channels");
    ASSERT_EQ(result.exit_code, 0) << result.output;
    std::size_t bytes = 0;
    const json outputs = report("rtt-channels")["runs"][0]["tests"][0]["outputs"];
    for (const json& output : outputs)
        if (output["channel"] == "rtt0")
            for (const json& line : output["lines"]) bytes += line["text"].get<std::string>().size();
    EXPECT_EQ(bytes, 65536u);
}

}  // namespace
}  // namespace hiltest
