#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "runner/suite/parser.hpp"
#include "runner/suite/tests/suite_test_support.hpp"

namespace hiltest::suite {
namespace {

using probe::ProbeSelector;
using testing::suite_with_step;

const char* const kBlinkSuite = R"({
  "$schema": "../docs/suite.schema.json",
  "name": "blink",
  "description": "blink_systick regression",
  "target": "STM32F103C8",
  "probe": "sim",
  "firmware": {"path": "${firmware_dir}/blink_systick.elf",
               "build": {"command": ["make", "-C", "${firmware_dir}"], "timeout_ms": 60000}},
  "connection": {"mode": "under-reset", "swd_khz": 1000, "retries": 5, "backoff_ms": 50},
  "simulated_board": {"faults": ["swd_nack:3"], "nrst_wired": false, "dpidr": "0x2BA01477",
                      "inputs": {"pa0": "low"}, "seed": 42, "reset_button_ms": 1500},
  "defaults": {"step_timeout_ms": 2000, "test_timeout_ms": 10000, "blink_tolerance_percent": 5},
  "tests": [
    {"name": "flash", "steps": [{"do": "flash"}, {"do": "reset", "mode": "halt"}]},
    {"name": "blinks", "depends_on": ["flash"], "timeout_ms": 20000, "steps": [
      {"do": "resume"},
      {"do": "expect_blink", "pin": "PC13", "frequency_hz": 1},
      {"do": "expect_memory", "symbol": "uptime_ms", "changes": "increases", "interval_ms": 250},
      {"do": "expect_fault", "fault": "none", "name": "no fault", "timeout_ms": 100}
    ]}
  ]
})";

Suite parse_blink()
{
    ParseOptions options;
    options.variables["firmware_dir"] = "../build/firmware";
    return parse_suite(kBlinkSuite, "testsuites/blink.json", options);
}

TEST(SuiteParser, ReadsTheTopLevel)
{
    const Suite suite = parse_blink();
    EXPECT_EQ(suite.name, "blink");
    EXPECT_EQ(suite.description, "blink_systick regression");
    EXPECT_EQ(suite.target, "stm32f103c8");
    EXPECT_EQ(suite.probe.kind(), ProbeSelector::Kind::Simulated);
    EXPECT_EQ(suite.file, "testsuites/blink.json");
    ASSERT_EQ(suite.tests.size(), 2u);
}

TEST(SuiteParser, ResolvesFirmwareAndBuildRelativeToTheSuiteFile)
{
    const Suite suite = parse_blink();
    ASSERT_TRUE(suite.firmware.has_value());
    EXPECT_EQ(suite.firmware->path, "build/firmware/blink_systick.elf");
    ASSERT_TRUE(suite.firmware->build.has_value());
    EXPECT_EQ(suite.firmware->build->argv, (std::vector<std::string>{"make", "-C", "../build/firmware"}));
    EXPECT_EQ(suite.firmware->build->timeout, Milliseconds(60000));
    EXPECT_EQ(suite.firmware->build->working_directory, "testsuites/");
    EXPECT_EQ(suite.firmware->location.line, 7u);
    EXPECT_EQ(suite.firmware->location.column, 15u);
}

TEST(SuiteParser, AbsoluteFirmwarePathsStayAbsolute)
{
    const Suite suite = parse_suite(R"({"name":"s","probe":"stlink:ABC123","firmware":"/opt/fw/./a.hex",
        "tests":[{"name":"t","steps":[{"do":"halt"}]}]})",
                                    "x/y.json");
    EXPECT_EQ(suite.firmware->path, "/opt/fw/a.hex");
    EXPECT_EQ(suite.probe.kind(), ProbeSelector::Kind::StlinkSerial);
    EXPECT_EQ(suite.probe.serial(), "ABC123");
    EXPECT_EQ(suite.probe.to_string(), "stlink:ABC123");
}

TEST(SuiteParser, AProbeCanBeChosenByItsUsbPort)
{
    // Clones of one batch share a serial; the port tells them apart.
    const auto probe_of = [](const std::string& selector) {
        return parse_suite(R"({"name":"s","probe":")" + selector + R"(","tests":[{"name":"t","steps":[{"do":"halt"}]}]})",
                           "s.json")
            .probe;
    };
    const ProbeSelector port = probe_of("usb:1-4.2");
    EXPECT_EQ(port.kind(), ProbeSelector::Kind::UsbPath);
    EXPECT_EQ(port.bus(), 1);
    EXPECT_EQ(port.ports(), (std::vector<uint8_t>{4, 2}));
    EXPECT_EQ(port.to_string(), "usb:1-4.2");
    for (const char* bad : {"usb:", "usb:1", "usb:1-", "usb:x-1", "usb:1-2..3", "usb:1-2.3.4.5.6.7.8.9", "usb:1234-1"}) {
        EXPECT_THROW(probe_of(bad), Error) << bad;
    }
}

TEST(SuiteParser, ReadsConnectionAndSimulatedBoard)
{
    const Suite suite = parse_blink();
    EXPECT_EQ(suite.connection.mode, ConnectionSettings::Mode::UnderReset);
    EXPECT_EQ(suite.connection.swd_khz, 1000u);
    EXPECT_EQ(suite.connection.retries, 5u);
    EXPECT_EQ(suite.connection.backoff, Milliseconds(50));
    EXPECT_EQ(suite.simulated_board.faults, std::vector<std::string>{"swd_nack:3"});
    EXPECT_EQ(suite.simulated_board.nrst_wired, false);
    EXPECT_EQ(suite.simulated_board.dpidr, 0x2BA01477u);
    ASSERT_EQ(suite.simulated_board.inputs.size(), 1u);
    EXPECT_EQ(suite.simulated_board.inputs[0].pin, (Pin{'A', 0}));
    EXPECT_EQ(suite.simulated_board.inputs[0].level, Level::Low);
    EXPECT_EQ(suite.simulated_board.seed, 42u);
    EXPECT_EQ(suite.simulated_board.reset_button, Milliseconds(1500));
}

TEST(SuiteParser, ReadsTheSimulatedBoardsI2cDevices)
{
    const Suite suite = parse_suite(R"({"name":"s","probe":"sim","simulated_board":{"i2c":[
        {"bus":"i2c1","address":"0x50","device":"24c02"},{"bus":"i2c2","address":60,"device":"nack"}]},
        "tests":[{"name":"t","steps":[{"do":"halt"}]}]})",
                                    "s.json");
    const std::vector<I2cDeviceSetup>& i2c = suite.simulated_board.i2c;
    ASSERT_EQ(i2c.size(), 2u);
    EXPECT_EQ(i2c[0].bus, 1u);
    EXPECT_EQ(i2c[0].address, 0x50u);
    EXPECT_EQ(i2c[0].device, "24c02");
    EXPECT_EQ(i2c[1].bus, 2u);
    EXPECT_EQ(i2c[1].address, 0x3Cu);
    EXPECT_EQ(i2c[1].device, "nack");
}

TEST(SuiteParser, ReadsSemihostingWithVariablesInTheCommandLine)
{
    ParseOptions options;
    options.variables["mode"] = "fast";
    const Suite suite = parse_suite(R"({"name":"s","probe":"sim","semihosting":{"cmdline":"fw --${mode}",
        "stdin":"line one\nline two\n","heap":{"heap_base":"0x20001000","stack_limit":"0x20004000"},
        "start_time":1700000000},"tests":[{"name":"t","steps":[{"do":"halt"}]}]})",
                                    "s.json", options);
    EXPECT_EQ(suite.semihosting.command_line, "fw --fast");
    EXPECT_EQ(suite.semihosting.stdin_text, "line one\nline two\n");
    EXPECT_EQ(suite.semihosting.heap, (armv7m::semihosting::HeapInfo{0x20001000, 0, 0, 0x20004000}));
    EXPECT_EQ(suite.semihosting.start_time_s, 1700000000u);
    EXPECT_EQ(parse_blink().semihosting, armv7m::semihosting::Config{}) << "without the key: nothing configured";
}

TEST(SuiteParser, MergesDefaultsIntoTestsAndSteps)
{
    const Suite suite = parse_blink();
    const suite::Test& flash = suite.tests[0];
    const suite::Test& blinks = suite.tests[1];
    EXPECT_EQ(flash.timeout, Milliseconds(10000));
    EXPECT_EQ(blinks.timeout, Milliseconds(20000));
    EXPECT_EQ(blinks.depends_on, std::vector<std::string>{"flash"});
    // Step timeouts come on top of the time a step observes by design.
    EXPECT_EQ(blinks.steps[0].timeout, Milliseconds(2000));
    const auto& blink = std::get<ExpectBlinkStep>(blinks.steps[1].action);
    EXPECT_DOUBLE_EQ(blink.tolerance_percent, 5.0);
    EXPECT_EQ(blink.window, Milliseconds(4000));
    EXPECT_EQ(blinks.steps[1].timeout, Milliseconds(6000));
    EXPECT_EQ(blinks.steps[2].timeout, Milliseconds(2250));
    EXPECT_EQ(blinks.steps[3].timeout, Milliseconds(100));
    EXPECT_EQ(blinks.steps[3].name, "no fault");
}

TEST(SuiteParser, RemembersWhereEachStepWasWritten)
{
    const Suite suite = parse_blink();
    const Step& blink = suite.tests[1].steps[1];
    EXPECT_EQ(blink.location.json_path, "tests[1].steps[1]");
    EXPECT_EQ(blink.location.line, 17u);
    EXPECT_EQ(blink.location.column, 7u);
    EXPECT_EQ(blink.location.to_string(), "testsuites/blink.json:17:7");
    EXPECT_EQ(suite.tests[1].location.line, 15u);
}

TEST(SuiteParser, ParsesEveryStepKind)
{
    const std::string steps = R"(
      {"do": "flash", "verify": false},
      {"do": "reset"},
      {"do": "halt"},
      {"do": "resume"},
      {"do": "step", "count": 3},
      {"do": "wait", "ms": 250},
      {"do": "run_until", "symbol": "main"},
      {"do": "write", "address": "0x2000_0000", "width": 16, "value": 65535},
      {"do": "write", "register": "R0", "value": "0xDEADBEEF"},
      {"do": "expect_memory", "address": 536870912, "equals": "0x5", "mask": "0xF"},
      {"do": "expect_register", "register": "pc", "min": "0x08000000", "max": "0x0800FFFF"},
      {"do": "expect_pin", "pin": "pc13", "level": "low"},
      {"do": "expect_blink", "pin": "PC13", "frequency_hz": 2.5, "tolerance_percent": 20, "window_ms": 2000},
      {"do": "expect_output", "matches": "hello, \\w+"},
      {"do": "expect_fault", "fault": "hardfault", "cause": "undefinstr"})";
    const Suite suite = parse_suite(suite_with_step(steps), "s.json");
    const auto& parsed = suite.tests[0].steps;
    ASSERT_EQ(parsed.size(), 15u);
    EXPECT_FALSE(std::get<FlashStep>(parsed[0].action).verify);
    EXPECT_EQ(std::get<ResetStep>(parsed[1].action).mode, ResetStep::Mode::Run);
    EXPECT_EQ(std::get<SingleStep>(parsed[4].action).count, 3u);
    EXPECT_EQ(std::get<WaitStep>(parsed[5].action).duration, Milliseconds(250));
    EXPECT_EQ(std::get<RunUntilStep>(parsed[6].action).location.symbol, "main");
    const auto& write_memory = std::get<WriteStep>(parsed[7].action);
    EXPECT_EQ(write_memory.memory->address, 0x20000000u);
    EXPECT_EQ(write_memory.width, 16u);
    EXPECT_EQ(write_memory.value, 0xFFFFu);
    const auto& write_register = std::get<WriteStep>(parsed[8].action);
    EXPECT_FALSE(write_register.memory.has_value());
    EXPECT_EQ(write_register.core_register, "r0");
    EXPECT_EQ(write_register.value, 0xDEADBEEFu);
    const auto& memory = std::get<ExpectMemoryStep>(parsed[9].action);
    EXPECT_EQ(memory.width, 32u);
    EXPECT_EQ(std::get<Equals>(memory.condition).value, 5u);
    EXPECT_EQ(std::get<Equals>(memory.condition).mask, 0xFu);
    const auto& reg = std::get<ExpectRegisterStep>(parsed[10].action);
    EXPECT_EQ(std::get<InRange>(reg.condition).min, 0x08000000u);
    EXPECT_EQ(std::get<InRange>(reg.condition).max, 0x0800FFFFu);
    EXPECT_EQ(std::get<ExpectPinStep>(parsed[11].action).pin, (Pin{'C', 13}));
    EXPECT_EQ(std::get<ExpectPinStep>(parsed[11].action).level, Level::Low);
    const auto& blink = std::get<ExpectBlinkStep>(parsed[12].action);
    EXPECT_DOUBLE_EQ(blink.frequency_hz, 2.5);
    EXPECT_DOUBLE_EQ(blink.tolerance_percent, 20.0);
    EXPECT_EQ(blink.window, Milliseconds(2000));
    EXPECT_EQ(std::get<ExpectOutputStep>(parsed[13].action).match, ExpectOutputStep::Match::Regex);
    EXPECT_TRUE(std::get<ExpectFaultStep>(parsed[14].action).hardfault);
    EXPECT_EQ(std::get<ExpectFaultStep>(parsed[14].action).cause, "UNDEFINSTR");
}

TEST(SuiteParser, DescribesStepsForReports)
{
    const Suite suite = parse_suite(suite_with_step(R"(
      {"do": "expect_blink", "pin": "PC13", "frequency_hz": 1},
      {"do": "expect_memory", "symbol": "counter", "offset": 4, "width": 8, "equals": 7},
      {"do": "reset", "mode": "halt"})"),
                                    "s.json");
    EXPECT_EQ(suite.tests[0].steps[0].kind(), "expect_blink");
    EXPECT_EQ(suite.tests[0].steps[0].describe(), "expect_blink PC13 1 Hz ±10% over 4000 ms");
    EXPECT_EQ(suite.tests[0].steps[1].describe(), "expect_memory counter+4 (8-bit) == 0x00000007 (mask 0x000000FF)");
    EXPECT_EQ(suite.tests[0].steps[2].describe(), "reset halt");
}

TEST(SuiteParser, ParsesTheBlinkFormsWithTheirDefaults)
{
    const Suite suite = parse_suite(suite_with_step(R"(
      {"do": "expect_blink", "pin": "PC13", "frequency_hz": 10, "duty_percent": 25},
      {"do": "expect_blink", "pin": "PC13", "frequency_hz": 0.5, "duty_percent": 40, "duty_tolerance_percent": 0.5,
       "window_ms": 3600},
      {"do": "expect_blink", "pin": "PA1", "max_frequency_hz": 5},
      {"do": "expect_blink", "pin": "PA1", "max_frequency_hz": 0.5, "window_ms": 4000})"),
                                    "s.json");
    const auto& steps = suite.tests[0].steps;
    const auto& duty = std::get<ExpectBlinkStep>(steps[0].action);
    EXPECT_DOUBLE_EQ(*duty.duty_percent, 25.0);
    EXPECT_DOUBLE_EQ(duty.duty_tolerance_percent, 2.0);
    EXPECT_FALSE(duty.max_frequency_hz.has_value());
    EXPECT_EQ(duty.window, Milliseconds(1000));
    EXPECT_EQ(steps[0].describe(), "expect_blink PC13 10 Hz ±10%, duty 25% ±2 over 1000 ms");
    EXPECT_EQ(steps[1].describe(), "expect_blink PC13 0.5 Hz ±10%, duty 40% ±0.5 over 3600 ms");
    const auto& limit = std::get<ExpectBlinkStep>(steps[2].action);
    EXPECT_DOUBLE_EQ(*limit.max_frequency_hz, 5.0);
    EXPECT_FALSE(limit.duty_percent.has_value());
    EXPECT_EQ(limit.window, Milliseconds(1000));
    EXPECT_EQ(steps[2].timeout, Milliseconds(5000 + 1000));
    EXPECT_EQ(steps[2].describe(), "expect_blink PA1 at most 5 Hz over 1000 ms");
    EXPECT_EQ(std::get<ExpectBlinkStep>(steps[3].action).window, Milliseconds(4000));
}

TEST(SuiteParser, NarrowWidthsNarrowTheDefaultMaskAndRange)
{
    const Suite suite = parse_suite(suite_with_step(R"(
      {"do": "expect_memory", "address": "0x20000002", "width": 16, "min": 10})"),
                                    "s.json");
    const auto& step = std::get<ExpectMemoryStep>(suite.tests[0].steps[0].action);
    EXPECT_EQ(std::get<InRange>(step.condition).min, 10u);
    EXPECT_EQ(std::get<InRange>(step.condition).max, 0xFFFFu);
}

TEST(SuiteParser, ChangesUseTheDefaultInterval)
{
    const Suite suite = parse_suite(suite_with_step(R"({"do": "expect_memory", "symbol": "t", "changes": "any"})"),
                                    "s.json");
    const auto& step = std::get<ExpectMemoryStep>(suite.tests[0].steps[0].action);
    EXPECT_EQ(std::get<ChangesOverTime>(step.condition).interval, Milliseconds(100));
    EXPECT_EQ(std::get<ChangesOverTime>(step.condition).direction, ChangesOverTime::Direction::Any);
}

TEST(SuiteParser, LoadSuiteReadsTheFile)
{
    const auto path = testing::unique_temp_path("hiltest_suite_parser_load.json");
    {
        std::ofstream out(path);
        out << suite_with_step(R"({"do": "halt"})");
    }
    const Suite suite = load_suite(path);
    EXPECT_EQ(suite.name, "s");
    EXPECT_EQ(suite.firmware->path, path.parent_path() / "fw.elf");
    std::filesystem::remove(path);
}

TEST(SuiteParser, RequireFirmwarePresentAcceptsAnExistingFile)
{
    const auto dir = testing::unique_temp_path("hiltest_suite_fw_present");
    std::filesystem::create_directories(dir);
    {
        std::ofstream out(dir / "fw.elf");
        out << "x";
    }
    const Suite suite = parse_suite(suite_with_step(R"({"do": "flash"})"), dir / "s.json");
    EXPECT_NO_THROW(require_firmware_present(suite));
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hiltest::suite

#include <chrono>

#include "runner/suite/output_pattern.hpp"

namespace hiltest::suite {
namespace {

TEST(OutputPatternTest, ChecksAndSearchesPatterns)
{
    EXPECT_EQ(OutputPattern("uptime=[0-9]+ ms").error(), "");
    EXPECT_NE(OutputPattern("([a-z").error(), "");
    EXPECT_EQ(OutputPattern(std::string(2000, 'a')).error(), "longer than 1024 characters");
    EXPECT_EQ(OutputPattern("\\(\\(\\(").error(), "");
    EXPECT_TRUE(OutputPattern("uptime=[0-9]+ ms").found_in("boot\nuptime=42 ms\n"));
    EXPECT_FALSE(OutputPattern("uptime=[0-9]+ ms").found_in("uptime=x ms"));
    EXPECT_FALSE(OutputPattern("([a-z").found_in("abc"));
}

TEST(OutputPatternTest, LongOutputAndBacktrackingPatternsNeitherCrashNorHang)
{
    // std::regex recursed once per character: 30 KB of output overflowed the stack, and a
    // backtracking pattern ran for hours. RE2 is linear in the text.
    const std::string output(4 << 20, 'a');
    EXPECT_TRUE(OutputPattern("a+").found_in(output));
    EXPECT_FALSE(OutputPattern("(a*)*b").found_in(output));
    EXPECT_FALSE(OutputPattern("(a|aa)+$x").found_in(output));
    EXPECT_TRUE(OutputPattern("(.*a){20}").found_in(output.substr(0, 100000)));
}

TEST(OutputPatternTest, HugeAutomataAreRefusedNotBuilt)
{
    EXPECT_NE(OutputPattern("((a{1000}){1000}){1000}").error(), "");
}

TEST(SuiteParser, AcceptsChipVariantsAndRejectsOtherTargets)
{
    EXPECT_EQ(parse_suite(R"({"name":"s","probe":"sim","target":"STM32F103CBT6","tests":[{"name":"t","steps":[{"do":"halt"}]}]})",
                          "s.json")
                  .target,
              "stm32f103cbt6");
    EXPECT_THAT(testing::suite_error(R"({"name":"s","probe":"sim","target":"nrf52840","tests":[]})"),
                ::testing::HasSubstr("target: expected a chip name like \"stm32f103c8\", got \"nrf52840\""));
}

}  // namespace
}  // namespace hiltest::suite
