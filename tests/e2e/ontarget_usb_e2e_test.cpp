// End to end over real USB: the on-target suites (run_tests, RTT) through `hiltest sim usb`, so
// hiltest reaches the virtual ST-Link through libusb as it reaches a real one on a bench.
#include <gtest/gtest.h>

#include "probe/base/external_command.hpp"
#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
using OnTargetOverUsb = RunCommandTest;

TEST_F(OnTargetOverUsb, TheUnitySuiteOverRealUsbGivesTheSameCases)
{
    // USART1 is the simulated board's own channel; over USB the board is a real one to hiltest,
    // whose USART would need a serial port: the semihosting test only.
    ExternalCommand command({kHiltest, "sim", "usb", "--", kHiltest, "run", testsuite("unity"), "--probe", "stlink",
                             "--filter", "unit tests over semihosting",
                             "--report-dir", (dir_ / "reports").string(), "--var", "firmware_dir=" + kFirmware});
    command.timeout = std::chrono::seconds(120);
    const CommandResult result = run_external_command(command);
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(report("unity")["summary"]["on_target_cases"]["passed"], 5);
    EXPECT_EQ(report("unity")["runs"][0]["properties"]["probe"], "stlink");
    expect_valid_junit("unity");
}

TEST_F(OnTargetOverUsb, TheTapSuiteOverRealUsbSelectsThroughTheCommandLine)
{
    ExternalCommand command({kHiltest, "sim", "usb", "--", kHiltest, "run", testsuite("tap"), "--probe", "stlink",
                             "--report-dir", (dir_ / "reports").string(), "--var", "firmware_dir=" + kFirmware});
    command.timeout = std::chrono::seconds(120);
    const CommandResult result = run_external_command(command);
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const json cases = report("tap")["runs"][0]["tests"][1]["steps"][0]["cases"];
    ASSERT_EQ(cases.size(), 2u) << cases.dump(2);
    EXPECT_EQ(cases[0]["name"], "crc32_of_check_string");
    expect_valid_junit("tap");
}

TEST_F(OnTargetOverUsb, RttOverRealUsbDeliversTheWholeLog)
{
    ExternalCommand command({kHiltest, "sim", "usb", "--", kHiltest, "run", testsuite("rtt-channels"), "--probe", "stlink",
                             "--report-dir", (dir_ / "reports").string(), "--var", "firmware_dir=" + kFirmware});
    command.timeout = std::chrono::seconds(120);
    const CommandResult result = run_external_command(command);
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
