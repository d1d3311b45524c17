// The stimulus steps (set_pin, uart_send, set_analog) and the simulated board's analog inputs
// as the suite parser reads them, and the mistakes it names.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "runner/suite/parser.hpp"
#include "runner/suite/tests/suite_test_support.hpp"

namespace hiltest::suite {
namespace {

using ::testing::HasSubstr;
using testing::suite_error;
using testing::suite_with_step;

Step only_step(std::string_view step)
{
    const Suite suite = parse_suite(suite_with_step(step), "s.json");
    return suite.tests.at(0).steps.at(0);
}

TEST(StimulusSteps, SetPinDrivesOrReleases)
{
    const Step high = only_step(R"({"do": "set_pin", "pin": "pa0", "level": "high"})");
    const auto& drive = std::get<SetPinStep>(high.action);
    EXPECT_EQ(drive.pin, (Pin{'A', 0}));
    EXPECT_EQ(drive.level, Level::High);
    EXPECT_EQ(high.describe(), "set_pin PA0 high");
    const Step released = only_step(R"({"do": "set_pin", "pin": "PB12", "level": "released"})");
    EXPECT_FALSE(std::get<SetPinStep>(released.action).level.has_value());
    EXPECT_EQ(released.describe(), "set_pin PB12 released");
}

TEST(StimulusSteps, UartSendTakesTextOrHexAndDefaultsToUart1)
{
    const Step text = only_step(R"({"do": "uart_send", "text": "ping\r\n"})");
    EXPECT_EQ(std::get<UartSendStep>(text.action).port, 1u);
    EXPECT_EQ(std::get<UartSendStep>(text.action).bytes, "ping\r\n");
    EXPECT_EQ(text.describe(), R"(uart_send uart1 6 bytes "ping\r\n")");
    const Step hex = only_step(R"({"do": "uart_send", "port": "uart3", "hex": "00 7f:FF0a"})");
    EXPECT_EQ(std::get<UartSendStep>(hex.action).port, 3u);
    EXPECT_EQ(std::get<UartSendStep>(hex.action).bytes, std::string("\x00\x7f\xff\x0a", 4));
    EXPECT_EQ(hex.describe(), R"(uart_send uart3 4 bytes "\x00\x7f\xff\n")");
}

TEST(StimulusSteps, SetAnalogTakesAnAdcPinAndVolts)
{
    const Step step = only_step(R"({"do": "set_analog", "pin": "PB1", "volts": 1.65})");
    EXPECT_EQ(std::get<SetAnalogStep>(step.action).pin, (Pin{'B', 1}));
    EXPECT_DOUBLE_EQ(std::get<SetAnalogStep>(step.action).volts, 1.65);
    EXPECT_EQ(step.describe(), "set_analog PB1 1.65 V");
}

TEST(StimulusSteps, MistakesAreNamed)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "set_pin", "pin": "PA0", "level": "float"})")),
                HasSubstr("tests[0].steps[0].level"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "uart_send", "port": "uart4", "text": "x"})")),
                HasSubstr("tests[0].steps[0].port"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "uart_send", "hex": "0g"})")),
                HasSubstr("bytes in hex, two digits each"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "uart_send", "hex": "012"})")),
                HasSubstr("bytes in hex, two digits each"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "uart_send", "text": "a", "hex": "01"})")),
                HasSubstr("tests[0].steps[0]"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "uart_send"})")), HasSubstr("tests[0].steps[0]"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "set_analog", "pin": "PC13", "volts": 1})")),
                HasSubstr("PC13 has no analog input on the STM32F103C8; its ADC inputs are PA0–PA7"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "set_analog", "pin": "PA0", "volts": 5})")),
                HasSubstr("tests[0].steps[0].volts"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "set_analog", "pin": "PA0", "volts": -0.1})")),
                HasSubstr("tests[0].steps[0].volts"));
}

TEST(StimulusSteps, TheSimulatedBoardStartsWithAnalogInputs)
{
    const Suite suite = parse_suite(
        R"({"name": "s", "probe": "sim", "simulated_board": {"analog": {"PA0": 1.65, "pb0": 3.3}},
            "tests": [{"name": "t", "steps": [{"do": "halt"}]}]})",
        "s.json");
    ASSERT_EQ(suite.simulated_board.analog.size(), 2u);
    EXPECT_EQ(suite.simulated_board.analog[0].pin, (Pin{'A', 0}));
    EXPECT_DOUBLE_EQ(suite.simulated_board.analog[0].volts, 1.65);
    EXPECT_EQ(suite.simulated_board.analog[1].pin, (Pin{'B', 0}));
    const auto with_analog = [](std::string_view analog) {
        return R"({"name": "s", "probe": "sim", "simulated_board": {"analog": )" + std::string(analog) +
               R"(}, "tests": [{"name": "t", "steps": [{"do": "halt"}]}]})";
    };
    EXPECT_THAT(suite_error(with_analog(R"({"PA8": 1})")), HasSubstr("simulated_board.analog.PA8: PA8 has no analog input"));
    EXPECT_THAT(suite_error(with_analog(R"({"PA1": "high"})")), HasSubstr("simulated_board.analog.PA1"));
    EXPECT_THAT(suite_error(with_analog(R"(["PA1"])")), HasSubstr("an object like {\"PA0\": 1.65}"));
}

}  // namespace
}  // namespace hiltest::suite
