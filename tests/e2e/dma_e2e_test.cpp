// End to end: the DMA fixtures under `hiltest sim run` (every register they use is modelled, so
// no fidelity warning; uart_dma's message is sent by DMA1) and their suites
// (testsuites/dma-memcpy.json, uart-dma.json).
#include <gtest/gtest.h>

#include <string>

#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;

class DmaFixtures : public RunCommandTest {};

TEST_F(DmaFixtures, SimRunReportsNoFidelityWarning)
{
    for (const std::string image : {"dma_memcpy", "uart_dma"}) {
        const CommandResult result =
            run_program({kHiltest, "sim", "run", kFirmware + "/" + image + ".elf", "--for", "100ms", "--uart"});
        EXPECT_EQ(result.exit_code, 0) << image << "\n" << result.output;
        EXPECT_EQ(result.output.find("fidelity warning"), std::string::npos) << image << "\n" << result.output;
        if (image == "uart_dma") {
            EXPECT_NE(result.output.find("uart (USART1 TX, 21 bytes):\nhello from uart_dma\r\n"), std::string::npos)
                << result.output;
        }
    }
}

TEST_F(DmaFixtures, TheDmaMemcpySuitePasses)
{
    const CommandResult result = run(testsuite("dma-memcpy"));
    EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST_F(DmaFixtures, TheUartDmaSuitePasses)
{
    const CommandResult result = run(testsuite("uart-dma"));
    EXPECT_EQ(result.exit_code, 0) << result.output;
}

}  // namespace
}  // namespace hiltest
