// Every way a suite can be wrong gives a message with file:line:column, the JSON path, and what
// was expected.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include "runner/suite/tests/suite_test_support.hpp"

namespace hiltest::suite {
namespace {

using ::testing::HasSubstr;
using testing::suite_error;
using testing::suite_with_step;

TEST(SuiteErrors, WrongTypeNamesPositionPathExpectedAndGot)
{
    const std::string text = R"({"name": "blink", "probe": "sim", "firmware": "fw.elf",
  "tests": [{"name": "t", "steps": [
    {"do": "flash"},
    {"do": "reset"},
    {"do": "expect_blink", "pin": "PC13",
        "frequency_hz": "1Hz"}]}]})";
    EXPECT_EQ(suite_error(text),
              "dir/blink.json:6:25: tests[0].steps[2].frequency_hz: expected a number > 0, got \"1Hz\"");
}

TEST(SuiteErrors, BadJsonReportsTheLibrarysLineAndColumn)
{
    const std::string message = suite_error("{\n  \"name\": \"x\",\n  \"probe\" \"sim\"\n}");
    EXPECT_THAT(message, HasSubstr("dir/blink.json:3:15: invalid JSON: "));
    EXPECT_THAT(message, HasSubstr("expected ':'"));
}

TEST(SuiteErrors, HugeNumberIsInvalidJsonWithAPosition)
{
    EXPECT_EQ(suite_error("{\"name\": \"s\",\n \"x\": 1e400}"),
              "dir/blink.json:2:7: invalid JSON: a number too large to represent");
}

TEST(SuiteErrors, EmptyFileIsInvalidJson)
{
    EXPECT_THAT(suite_error(""), HasSubstr("dir/blink.json:1:1: invalid JSON"));
}

TEST(SuiteErrors, UnknownKeySuggestsTheNearMiss)
{
    const std::string message = suite_error(suite_with_step(
        R"({"do": "expect_blink", "pin": "PC13", "frequncy_hz": 1})"));
    EXPECT_THAT(message, HasSubstr("dir/blink.json:1:125: tests[0].steps[0].frequncy_hz: unknown key \"frequncy_hz\""));
    EXPECT_THAT(message, HasSubstr("did you mean \"frequency_hz\"?"));
    EXPECT_THAT(message, HasSubstr("allowed keys: do, name, timeout_ms, pin, frequency_hz"));
}

TEST(SuiteErrors, SchemaKeyMustBeAString)
{
    EXPECT_THAT(suite_error(R"({"$schema": 1, "name": "s", "probe": "sim", "tests": []})"),
                HasSubstr("$schema: expected a string, got 1"));
}

TEST(SuiteErrors, UnknownTopLevelKey)
{
    const std::string message = suite_error(R"({"name": "s", "probe": "sim", "test": []})");
    EXPECT_THAT(message, HasSubstr("1:31: test: unknown key \"test\" in a suite (did you mean \"tests\"?)"));
}

TEST(SuiteErrors, UnknownKeyWithoutNearMissListsAllowedKeys)
{
    const std::string message = suite_error(suite_with_step(R"({"do": "halt", "banana": 1})"));
    EXPECT_THAT(message, HasSubstr("unknown key \"banana\" in step \"halt\"; allowed keys: do, name or timeout_ms"));
}

TEST(SuiteErrors, KeyOfAnotherStepKindNamesThatKind)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_pin", "pin": "PC13", "level": "high", "frequency_hz": 1})")),
                HasSubstr("tests[0].steps[0].frequency_hz: step \"expect_pin\" takes no key \"frequency_hz\" (that is a "
                          "key of expect_blink); allowed keys: do, name, timeout_ms, pin or level"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "halt", "address": 0})")),
                HasSubstr("(that is a key of run_until, write or expect_memory)"));
}

TEST(SuiteErrors, UnknownStepKind)
{
    const std::string message = suite_error(suite_with_step(R"({"do": "flsh"})"));
    EXPECT_THAT(message, HasSubstr("tests[0].steps[0].do: unknown step kind \"flsh\" (did you mean \"flash\"?)"));
    EXPECT_THAT(message, HasSubstr("expected one of: flash, reset"));
}

TEST(SuiteErrors, MissingStepKind)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"pin": "PC13"})")),
                HasSubstr("tests[0].steps[0]: missing required key \"do\""));
}

TEST(SuiteErrors, MissingRequiredKeyPointsAtTheObject)
{
    EXPECT_THAT(suite_error(R"({"probe": "sim", "tests": []})"),
                HasSubstr("dir/blink.json:1:1: (top level): missing required key \"name\""));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_pin", "pin": "PC13"})")),
                HasSubstr("tests[0].steps[0]: missing required key \"level\""));
}

TEST(SuiteErrors, EmptyTestsAndStepsAreErrors)
{
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "tests": []})"),
                HasSubstr("tests: expected a non-empty array, got an empty array"));
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "tests": [{"name": "t", "steps": []}]})"),
                HasSubstr("tests[0].steps: expected a non-empty array"));
}

TEST(SuiteErrors, EnumTypoSuggestsTheValue)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "reset", "mode": "hlat"})")),
                HasSubstr("mode: expected \"run\" or \"halt\", got \"hlat\" (did you mean \"halt\"?)"));
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "connection": {"mode": "under_reset"}, "tests": []})"),
                HasSubstr("did you mean \"under-reset\"?"));
}

TEST(SuiteErrors, ProbeSelector)
{
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "stlink:", "tests": []})"),
                HasSubstr("probe: expected \"sim\", \"stlink\", \"stlink:SERIAL\" or \"usb:BUS-PORT\" (e.g. \"usb:1-4.2\"), got \"stlink:\""));
}

TEST(SuiteErrors, ProbeSelectorFollowsTheSameRulesAsTheCommandLine)
{
    // One parser for --probe, suites and bench files: the rules the docs promise, which suites
    // used to differ from (any serial text, any three-digit USB number).
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "stlink:ab-cd", "tests": []})"),
                HasSubstr("got \"stlink:ab-cd\" (a serial has only letters and digits)"));
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "usb:999-1", "tests": []})"),
                HasSubstr("got \"usb:999-1\" (bus '999' is not a number 0-255)"));
    try {
        parse_suite(R"({"name": "s", "probe": "jlink", "tests": []})", "s.json");
        ADD_FAILURE() << "jlink was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::SuiteInvalid);
        EXPECT_THAT(e.remedy(), HasSubstr("hiltest probe list"));
    }
}

TEST(SuiteErrors, AddressesMustBeNumbersOrHexStrings)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_memory", "address": "0xZZ", "equals": 1})")),
                HasSubstr("address: expected an unsigned integer (a number, or a string like \"0x20000000\"), got \"0xZZ\""));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_memory", "address": "0x100000000", "equals": 1})")),
                HasSubstr("expected a 32-bit value"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_memory", "address": -4, "equals": 1})")),
                HasSubstr("got -4"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_memory", "address": "0x20000002", "equals": 1})")),
                HasSubstr("not aligned for a 32-bit access"));
}

TEST(SuiteErrors, ValuesMustFitTheWidth)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "write", "address": 0, "width": 8, "value": 256})")),
                HasSubstr("value: value 256 does not fit in 8 bits"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "write", "address": 0, "width": 12, "value": 1})")),
                HasSubstr("width: expected 8, 16 or 32 (bits), got 12"));
}

TEST(SuiteErrors, ConditionsAreExclusive)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_memory", "symbol": "x"})")),
                HasSubstr("tests[0].steps[0]: needs \"equals\""));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_memory", "symbol": "x", "equals": 1, "max": 3})")),
                HasSubstr("takes exactly one condition"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_memory", "symbol": "x", "min": 1, "mask": 3})")),
                HasSubstr("mask: \"mask\" applies only together with \"equals\""));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_memory", "symbol": "x", "equals": 1, "interval_ms": 3})")),
                HasSubstr("\"interval_ms\" applies only together with \"changes\""));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_register", "register": "r0", "min": 5, "max": 4})")),
                HasSubstr("max: expected a value >= min (5), got 4"));
}

TEST(SuiteErrors, AddressAndSymbolAreExclusive)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "run_until", "address": 0, "symbol": "main"})")),
                HasSubstr("\"symbol\" cannot be combined with \"address\""));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "run_until"})")),
                HasSubstr("needs one of the keys \"address\" or \"symbol\""));
}

TEST(SuiteErrors, RegistersAndFaultCausesAreChecked)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_register", "register": "r16", "equals": 0})")),
                HasSubstr("expected a core register"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_fault", "fault": "hardfault", "cause": "UNDEFINSTRR"})")),
                HasSubstr("did you mean \"UNDEFINSTR\"?"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_fault", "fault": "none", "cause": "FORCED"})")),
                HasSubstr("\"cause\" applies only to \"fault\": \"hardfault\""));
}

TEST(SuiteErrors, PinsAreChecked)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_pin", "pin": "PC16", "level": "high"})")),
                HasSubstr("pin: expected a pin name like \"PC13\" (port A-G, pin 0-15), got \"PC16\""));
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "simulated_board": {"inputs": {"PZ1": "high"}}, "tests": []})"),
                HasSubstr("simulated_board.inputs.PZ1: expected a pin name"));
}

TEST(SuiteErrors, ResetButtonTimeIsWholeMilliseconds)
{
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "simulated_board": {"reset_button_ms": -5}, "tests": []})"),
                HasSubstr("simulated_board.reset_button_ms: expected a whole number of milliseconds"));
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "simulated_board": {"reset_button_ms": "1s"}, "tests": []})"),
                HasSubstr("simulated_board.reset_button_ms: expected a whole number of milliseconds"));
}

std::string i2c_error(const std::string& devices)
{
    return suite_error(R"({"name": "s", "probe": "sim", "simulated_board": {"i2c": [)" + devices + R"(]}, "tests": []})");
}

TEST(SuiteErrors, I2cDevicesNameABusA7BitAddressAndAKnownDevice)
{
    EXPECT_THAT(i2c_error(R"({"bus": "i2c3", "address": "0x50", "device": "24c02"})"),
                HasSubstr("simulated_board.i2c[0].bus: expected \"i2c1\" or \"i2c2\", got \"i2c3\""));
    EXPECT_THAT(i2c_error(R"({"bus": "i2c1", "address": "0xA0", "device": "24c02"})"),
                HasSubstr("simulated_board.i2c[0].address: expected a 7-bit address (0x00 to 0x7f"));
    EXPECT_THAT(i2c_error(R"({"bus": "i2c1", "address": "0x50", "device": "24c04"})"),
                HasSubstr("simulated_board.i2c[0].device: expected \"24c02\" or \"nack\", got \"24c04\""));
    EXPECT_THAT(i2c_error(R"({"bus": "i2c1", "device": "nack"})"), HasSubstr("address"));
    EXPECT_THAT(i2c_error(R"({"bus": "i2c1", "address": "0x50", "device": "nack", "speed": 1})"),
                HasSubstr("speed"));
}

TEST(SuiteErrors, TwoI2cDevicesCannotShareAnAddressOnABus)
{
    EXPECT_THAT(i2c_error(R"({"bus": "i2c1", "address": "0x50", "device": "24c02"},
                             {"bus": "i2c1", "address": 80, "device": "nack"})"),
                HasSubstr("simulated_board.i2c[1].address: a second device at this address on i2c1 "
                          "(simulated_board.i2c[0] has it)"));
    EXPECT_NO_THROW(parse_suite(R"({"name": "s", "probe": "sim", "simulated_board": {"i2c": [
        {"bus": "i2c1", "address": "0x50", "device": "24c02"}, {"bus": "i2c2", "address": "0x50", "device": "nack"}]},
        "tests": [{"name": "t", "steps": [{"do": "halt"}]}]})",
                                "s.json"));
}

TEST(SuiteErrors, BlinkWindowMustShowAWholePeriod)
{
    EXPECT_EQ(suite_error(suite_with_step(
                  R"({"do": "expect_blink", "pin": "PC13", "frequency_hz": 0.5, "window_ms": 2999})")),
              "dir/blink.json:1:159: tests[0].steps[0].window_ms: a window of 2999 ms cannot show three level "
              "changes (a whole period) of a 0.5 Hz blink; use at least 3000 ms (4 periods recommended)");
    // The longer level decides: at 25 % duty one period and three quarters.
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_blink", "pin": "PC13", "frequency_hz": 1,
                                               "duty_percent": 25, "window_ms": 1500})")),
                HasSubstr("window_ms: a window of 1500 ms cannot show three level changes (a whole period) of a 1 Hz "
                          "blink; use at least 1750 ms"));
    EXPECT_THAT(suite_error(suite_with_step(
                    R"({"do": "expect_blink", "pin": "PC13", "max_frequency_hz": 5, "window_ms": 399})")),
                HasSubstr("window_ms: a window of 399 ms cannot tell a steady pin from a blink just above 5 Hz; use "
                          "at least 400 ms"));
}

TEST(SuiteErrors, BlinkTakesAFrequencyOrALimitNotBoth)
{
    EXPECT_EQ(suite_error(suite_with_step(
                  R"({"do": "expect_blink", "pin": "PC13", "frequency_hz": 1, "max_frequency_hz": 5})")),
              "dir/blink.json:1:144: tests[0].steps[0].max_frequency_hz: \"max_frequency_hz\" cannot be combined with "
              "\"frequency_hz\"; give only one of them");
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_blink", "pin": "PC13"})")),
                HasSubstr("tests[0].steps[0]: needs one of the keys \"frequency_hz\" or \"max_frequency_hz\""));
}

TEST(SuiteErrors, BlinkLimitTakesNoToleranceOrDuty)
{
    for (const std::string key : {"tolerance_percent", "duty_percent", "duty_tolerance_percent"}) {
        EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_blink", "pin": "PC13", "max_frequency_hz": 5, ")" +
                                                key + R"(": 10})")),
                    HasSubstr("tests[0].steps[0]." + key + ": \"" + key +
                              "\" applies only together with \"frequency_hz\"; \"max_frequency_hz\" is a limit"))
            << key;
    }
}

TEST(SuiteErrors, BlinkDutyMustLeaveBothLevels)
{
    EXPECT_THAT(suite_error(suite_with_step(
                    R"({"do": "expect_blink", "pin": "PC13", "frequency_hz": 1, "duty_percent": 100})")),
                HasSubstr("duty_percent: expected a duty cycle above 0 and below 100 (the percentage of the period "
                          "the pin is high), got 100"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_blink", "pin": "PC13", "frequency_hz": 1,
                                               "duty_percent": 5, "duty_tolerance_percent": 5})")),
                HasSubstr("duty_tolerance_percent: duty 5% ±5 reaches 0% or 100%, a pin that does not blink; use a "
                          "smaller tolerance"));
    EXPECT_THAT(suite_error(suite_with_step(
                    R"({"do": "expect_blink", "pin": "PC13", "frequency_hz": 1, "duty_tolerance_percent": 5})")),
                HasSubstr("duty_tolerance_percent: \"duty_tolerance_percent\" applies only together with "
                          "\"duty_percent\""));
}

TEST(SuiteErrors, BlinkFasterThanTheProbeCanFollowIsRejected)
{
    for (const std::string key : {"frequency_hz", "max_frequency_hz"}) {
        EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_blink", "pin": "PC13", ")" + key + R"(": 1000})")),
                    HasSubstr(key + ": expected a frequency up to 250 Hz (the probe reads the pin about once a "
                                    "millisecond, and each level must be seen by two reads; on the simulated board, "
                                    "\"sampler\": \"logic_analyser\" sees up to 100000 Hz), got 1000"))
            << key;
        // The simulated board's logic analyser (1 MS/s) goes to 100 kHz, not beyond.
        EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_blink", "pin": "PC13", "sampler": "logic_analyser", ")" +
                                                key + R"(": 100001})")),
                    HasSubstr(key + ": expected a frequency up to 100000 Hz (the simulated board's logic analyser "
                                    "samples at 1 MS/s), got 100001"));
        const Suite ok = parse_suite(
            suite_with_step(R"({"do": "expect_blink", "pin": "PA8", "sampler": "logic_analyser", ")" + key + R"(": 1000})"),
            "s.json");
        EXPECT_EQ(std::get<ExpectBlinkStep>(ok.tests[0].steps[0].action).sampler,
                  ExpectBlinkStep::Sampler::LogicAnalyser);
    }
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_blink", "pin": "PC13", "frequency_hz": 1, "sampler": "scope"})")),
                HasSubstr("tests[0].steps[0].sampler"));
}

TEST(SuiteErrors, InvalidRegexIsReportedAtParseTime)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "expect_output", "matches": "([a-z"})")),
                HasSubstr("matches: expected a regular expression (RE2 syntax): missing ]"));
}

TEST(SuiteErrors, FlashNeedsFirmware)
{
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "tests": [{"name": "t", "steps": [{"do": "flash"}]}]})"),
                HasSubstr("a \"flash\" step needs \"firmware\""));
}

TEST(SuiteErrors, TestNamesAreUniqueAndDependenciesExist)
{
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "tests": [
        {"name": "t", "steps": [{"do": "halt"}]}, {"name": "t", "steps": [{"do": "halt"}]}]})"),
                HasSubstr("tests[1].name: a test named \"t\" already exists at dir/blink.json:2:9"));
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "tests": [
        {"name": "a", "steps": [{"do": "halt"}]}, {"name": "b", "depends_on": ["c"], "steps": [{"do": "halt"}]}]})"),
                HasSubstr("tests[1].depends_on[0]: no earlier test is named \"c\""));
}

TEST(SuiteErrors, DuplicateKeysAreErrors)
{
    EXPECT_THAT(suite_error(R"({"name": "s", "name": "t", "probe": "sim", "tests": []})"),
                HasSubstr("dir/blink.json:1:15: name: duplicate key"));
}

TEST(SuiteErrors, TimeoutsMustBeWholePositiveMilliseconds)
{
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "halt", "timeout_ms": 0})")),
                HasSubstr("timeout_ms: expected a whole number of milliseconds from 1"));
    EXPECT_THAT(suite_error(suite_with_step(R"({"do": "wait", "ms": 1.5})")),
                HasSubstr("ms: expected a whole number of milliseconds from 0"));
}

TEST(SuiteErrors, VariablesMustBeKnown)
{
    ParseOptions options;
    options.variables["firmware_dir"] = "/fw";
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "firmware": "${build}/a.elf", "tests": []})", options),
                HasSubstr("firmware: unknown variable ${build}; known: ${firmware_dir}"));
}

TEST(SuiteErrors, BuildCommandIsAnArgvArray)
{
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim",
        "firmware": {"path": "a.elf", "build": {"command": "make all"}}, "tests": []})"),
                HasSubstr("firmware.build.command: expected an array of arguments"));
}

TEST(SuiteErrors, LoadAddressOnlyForBinImages)
{
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim",
        "firmware": {"path": "a.elf", "load_address": "0x08000000"}, "tests": []})"),
                HasSubstr("\"load_address\" applies only to BIN images"));
}

TEST(SuiteErrors, DeepNestingIsRejectedWithoutRecursingForever)
{
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_THAT(suite_error(deep), HasSubstr("nests deeper than 64 levels"));
}

TEST(SuiteErrors, LongGarbageIsTruncatedInMessages)
{
    const std::string message = suite_error(R"({"name": "s", "probe": ")" + std::string(500, 'x') + R"(", "tests": []})");
    EXPECT_LT(message.size(), 200u);
    EXPECT_THAT(message, HasSubstr("…"));
}

TEST(SuiteErrors, MissingFirmwareFilePointsAtTheFirmwareKey)
{
    const Suite suite = parse_suite(suite_with_step(R"({"do": "flash"})"), "/nonexistent/dir/s.json");
    try {
        require_firmware_present(suite);
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::SuiteInvalid);
        EXPECT_THAT(error.what(), HasSubstr("/nonexistent/dir/s.json:1:43: firmware: /nonexistent/dir/fw.elf does not exist"));
        EXPECT_THAT(error.remedy(), HasSubstr("build the firmware first"));
    }
}

TEST(SuiteErrors, MissingSuiteFile)
{
    try {
        load_suite("/nonexistent/suite.json");
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::SuiteInvalid);
        EXPECT_THAT(error.what(), HasSubstr("cannot open suite file /nonexistent/suite.json"));
    }
}

TEST(SuiteErrors, SemihostingValuesAreCheckedWhereTheyAreWritten)
{
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "semihosting": {"cmdline": 5}, "tests": []})"),
                HasSubstr("semihosting.cmdline: expected a string"));
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "semihosting": {"heap": {"heap_base": -1}}, "tests": []})"),
                HasSubstr("semihosting.heap.heap_base"));
    EXPECT_THAT(suite_error(R"({"name": "s", "probe": "sim", "semihosting": {"stdin_file": "x"}, "tests": []})"),
                HasSubstr("unknown key \"stdin_file\""));
}

}  // namespace
}  // namespace hiltest::suite
