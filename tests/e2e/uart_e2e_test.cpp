// End to end: the uart_echo fixture through `hiltest sim run --uart-input` (the file's bytes go
// into USART1's RX line and come back as echoes after the greeting) and through its suite
// (testsuites/uart-echo.json).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
namespace fs = std::filesystem;

class UartEcho : public RunCommandTest {
protected:
    CommandResult sim_run(std::vector<std::string> arguments)
    {
        arguments.insert(arguments.begin(), {kHiltest, "sim", "run", kFirmware + "/uart_echo.elf"});
        return run_program(arguments);
    }

    std::string write_file(const std::string& name, const std::string& bytes)
    {
        const fs::path path = dir_ / name;
        std::ofstream(path, std::ios::binary) << bytes;
        return path.string();
    }
};

TEST_F(UartEcho, SimRunEchoesTheUartInputAfterTheGreeting)
{
    const std::string input = "ping 123\n";
    const CommandResult result =
        sim_run({"--for", "100ms", "--uart", "--uart-input", "uart1=" + write_file("input.txt", input)});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    const std::string greeting = "hello from uart_echo\r\n";
    const std::string sent = greeting + input;
    EXPECT_NE(result.output.find("uart (USART1 TX, " + std::to_string(sent.size()) + " bytes):\n" + sent),
              std::string::npos)
        << result.output;
    EXPECT_EQ(result.output.find("USART2"), std::string::npos) << "only ports that sent are listed";
    EXPECT_EQ(result.output.find("still queued"), std::string::npos) << result.output;
}

TEST_F(UartEcho, InputForAPortThatNeverListensStaysQueued)
{
    const CommandResult result = sim_run({"--for", "10ms", "--uart-input", "uart2=" + write_file("input.txt", "abc")});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("uart: 22 bytes on USART1 TX (show them with --uart)"), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("uart input: 3 bytes still queued on the USART2 RX line"), std::string::npos)
        << result.output;
}

TEST_F(UartEcho, ABadUartInputIsAUsageError)
{
    for (const std::string& spec : std::vector<std::string>{"uart4=x", "uart1", "uart1=" + (dir_ / "missing.txt").string()}) {
        const CommandResult result = sim_run({"--for", "10ms", "--uart-input", spec});
        EXPECT_EQ(result.exit_code, 2) << spec << "\n" << result.output;
        EXPECT_NE(result.output.find("--uart-input"), std::string::npos) << result.output;
    }
}

TEST_F(UartEcho, TheSuitePasses)
{
    const CommandResult result = run(testsuite("uart-echo"));
    EXPECT_EQ(result.exit_code, 0) << result.output;
}

}  // namespace
}  // namespace hiltest
