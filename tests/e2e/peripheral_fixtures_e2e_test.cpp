// End to end: the peripheral fixtures under `hiltest sim run` (every register they use is
// modelled, so no fidelity warning) and their suites in testsuites/.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;

class PeripheralFixtures : public RunCommandTest {};

TEST_F(PeripheralFixtures, SimRunReportsNoFidelityWarning)
{
    for (const std::string image :
         {"timer_irq", "timer_pwm", "spi_master", "rtc_alarm", "dma_memcpy", "uart_dma", "adc_dma_scan", "spi_dma"}) {
        const CommandResult result = run_program({kHiltest, "sim", "run", kFirmware + "/" + image + ".elf", "--for", "300ms"});
        EXPECT_EQ(result.exit_code, 0) << image << "\n" << result.output;
        EXPECT_EQ(result.output.find("fidelity warning"), std::string::npos) << image << "\n" << result.output;
    }
}

TEST_F(PeripheralFixtures, TheirSuitesPass)
{
    for (const std::string suite : {"timer-irq", "timer-pwm", "spi", "rtc", "dma-memcpy", "uart-dma", "adc-dma",
                                    "spi-dma"}) {
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

}  // namespace
}  // namespace hiltest
