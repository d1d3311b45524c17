// End to end: the peripheral fixtures under `hiltest sim run` (every register they use is
// modelled, so no fidelity warning) and their suites in testsuites/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;

class PeripheralFixtures : public RunCommandTest {};

TEST_F(PeripheralFixtures, SimRunReportsNoFidelityWarning)
{
    for (const std::string image : {"timer_irq", "timer_pwm", "spi_master", "rtc_alarm", "rtc_stop", "dma_memcpy",
                                    "uart_dma", "uart_irq", "adc_dma_scan", "spi_dma", "rtt_log", "unity_demo",
                                    "tap_demo"}) {
        const CommandResult result =
            run_program({kHiltest, "sim", "run", kFirmware + "/" + image + ".elf", "--for", "300ms"});
        EXPECT_EQ(result.exit_code, 0) << image << "\n" << result.output;
        EXPECT_EQ(result.output.find("fidelity warning"), std::string::npos) << image << "\n"
                                                                             << result.output;
    }
}

TEST_F(PeripheralFixtures, TheirSuitesPass)
{
    for (const std::string suite : {"timer-irq", "timer-pwm", "spi", "rtc", "rtc-stop", "dma-memcpy", "uart-dma",
                                    "uart-irq", "adc-dma", "spi-dma", "exit-status", "rtt-log", "rtt-channels", "unity", "tap"}) {
        const CommandResult result = run(testsuite(suite));
        EXPECT_EQ(result.exit_code, 0) << suite << "\n" << result.output;
    }
}

TEST_F(PeripheralFixtures, UartDmaSendsItsMessageByDma)
{
    const CommandResult result =
        run_program({kHiltest, "sim", "run", kFirmware + "/uart_dma.elf", "--for", "100ms", "--uart"});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("uart (USART1 TX, 21 bytes):\nhello from uart_dma\r\n"), std::string::npos)
        << result.output;
}

// The interrupt-driven transmitter's ring keeps the order bytes were queued in. Input fed from the
// start reaches the receiver as soon as RE is set, with TE's idle frame: "p" lands one frame
// (86.8 µs) later, as the idle frame ends, and is pending when the firmware enables the NVIC
// line, so its echo is queued before the greeting; "ing" follow it, one frame each.
TEST_F(PeripheralFixtures, UartIrqGreetsAndEchoesFromItsInterruptHandler)
{
    const fs::path input = dir_ / "input.txt";
    std::ofstream(input) << "ping";
    const CommandResult result = run_program({kHiltest, "sim", "run", kFirmware + "/uart_irq.elf", "--for",
                                              "100ms", "--uart", "--uart-input", "uart1=" + input.string()});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("uart (USART1 TX, 25 bytes):\nphello from uart_irq\r\ning"),
              std::string::npos)
        << result.output;
}

TEST_F(PeripheralFixtures, RtcStopEndsInStopModeWithOneToggleAWakeUp)
{
    const CommandResult result =
        run_program({kHiltest, "sim", "run", kFirmware + "/rtc_stop.elf", "--for", "3500ms"});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("3 toggles, period 2 s"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("final state: in Stop mode"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace hiltest
