// End to end: expect_blink on the simulated Blue Pill with the blink_rate fixture, whose blink
// rate and duty cycle a suite sets (fixtures/firmware/README.md). The step must measure the
// signal, not the expectation: firmware blinking 10× or 20× too fast fails, firmware blinking
// faster than the probe can sample fails saying so, a stalled link is an error, and rates from
// 0.5 to 50 Hz are measured to 0.1 %.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
using nlohmann::json;
using ::testing::HasSubstr;
using BlinkStep = RunCommandTest;

struct BlinkCase {
    std::string name;
    unsigned high_us;
    unsigned low_us;
    json step;  // the expect_blink step
    unsigned print_every = 0;
};

// One test per case, each from a reset: set the rate, wait until it has taken over (the level
// under way at the reset lasts 500 ms), then the step.
std::string suite_text(const std::string& name, const std::vector<BlinkCase>& cases,
                       const json& faults = json::array())
{
    json tests = json::array();
    tests.push_back({{"name", "flash"}, {"steps", {{{"do", "flash"}}}}});
    for (const BlinkCase& c : cases) {
        json step = c.step;
        step["do"] = "expect_blink";
        step["pin"] = "PC13";
        tests.push_back({{"name", c.name},
                         {"steps",
                          {{{"do", "reset"}, {"mode", "run"}},
                           {{"do", "write"}, {"symbol", "blink_high_us"}, {"value", c.high_us}},
                           {{"do", "write"}, {"symbol", "blink_low_us"}, {"value", c.low_us}},
                           {{"do", "write"}, {"symbol", "blink_print_every"}, {"value", c.print_every}},
                           {{"do", "wait"}, {"ms", 1100}},
                           step}}});
    }
    json suite = {
        {"name", name}, {"probe", "sim"}, {"firmware", kFirmware + "/blink_rate.elf"}, {"tests", tests}};
    if (!faults.empty()) suite["simulated_board"] = {{"faults", faults}};
    return suite.dump(2);
}

const json& blink_step(const json& test)
{
    for (const json& step : test["steps"])
        if (step["kind"] == "expect_blink") return step;
    throw std::runtime_error("no expect_blink step in " + test.dump());
}

TEST_F(BlinkStep, MeasuresHalfToFiftyHertzWithinATenthOfAPercentAndDutyWithinOnePoint)
{
    struct Rate {
        double hz;
        double duty_percent;
    };
    const std::vector<Rate> rates = {{0.5, 50}, {1, 50}, {10, 50}, {50, 50}, {1, 25}, {10, 10}, {50, 30}};
    std::vector<BlinkCase> cases;
    for (const Rate& r : rates) {
        const auto period_us = static_cast<unsigned>(std::lround(1e6 / r.hz));
        const auto high_us = static_cast<unsigned>(std::lround(period_us * r.duty_percent / 100));
        char name[64];
        std::snprintf(name, sizeof name, "%g Hz at %g %%", r.hz, r.duty_percent);
        cases.push_back({name,
                         high_us,
                         period_us - high_us,
                         {{"frequency_hz", r.hz},
                          {"tolerance_percent", 0.5},
                          {"duty_percent", r.duty_percent},
                          {"duty_tolerance_percent", 1},
                          {"window_ms", 3000}}});
    }
    const CommandResult result = run(write_suite("rates", suite_text("rates", cases)));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const json tests = report("rates")["runs"][0]["tests"];
    ASSERT_EQ(tests.size(), rates.size() + 1);
    for (std::size_t i = 0; i < rates.size(); ++i) {
        const json& m = blink_step(tests[i + 1])["measurements"];
        SCOPED_TRACE(m.dump());
        EXPECT_LT(std::abs(m["frequency_hz"].get<double>() - rates[i].hz) / rates[i].hz, 0.001);
        EXPECT_LT(std::abs(m["duty_percent"].get<double>() - rates[i].duty_percent), 1.0);
        // As fast as the probe answers, whatever the expected rate: the old sampler took 60
        // samples of a 1 Hz blink in 3 s, 1 Hz being its expectation.
        EXPECT_GT(m["samples"].get<int>(), 2000);
        EXPECT_LT(m["sample_interval_mean_ms"].get<double>(), 1.4);
        EXPECT_GT(m["max_measurable_hz"].get<double>(), 100.0);
        EXPECT_LT(m["usb_transactions"].get<int>(), m["samples"].get<int>() * 11 / 10);
    }
}

// The defect: sampled every 50 ms, an interval derived from the expected 1 Hz, a blink at 19 or
// 21 Hz aliased to 1 Hz and passed (10 and 20 Hz failed only by luck of phase).
// Issue 16's acceptance: a 1 kHz / 25 % output within 0.1 % / 1 point, through the simulated
// board's logic analyser (the probe, at a read per millisecond, cannot see it).
TEST_F(BlinkStep, TheLogicAnalyserMeasuresOneAndTenKilohertz)
{
    struct Rate {
        double hz;
        unsigned high_us, low_us;  // blink_rate's levels are whole 10 µs ticks
        double duty_percent;
    };
    const std::vector<Rate> rates = {{1000, 250, 750, 25}, {10000, 10, 90, 10}, {250, 2000, 2000, 50}};
    std::vector<BlinkCase> cases;
    for (const Rate& r : rates) {
        cases.push_back({std::to_string(static_cast<int>(r.hz)) + " Hz",
                         r.high_us,
                         r.low_us,
                         {{"frequency_hz", r.hz},
                          {"tolerance_percent", 0.1},
                          {"duty_percent", r.duty_percent},
                          {"duty_tolerance_percent", 1},
                          {"sampler", "logic_analyser"}}});
    }
    const CommandResult result = run(write_suite("analyser", suite_text("analyser", cases)));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const json tests = report("analyser")["runs"][0]["tests"];
    ASSERT_EQ(tests.size(), rates.size() + 1);
    for (std::size_t i = 0; i < rates.size(); ++i) {
        const json& step = blink_step(tests[i + 1]);
        const json& m = step["measurements"];
        SCOPED_TRACE(step.dump());
        EXPECT_LT(std::abs(m["frequency_hz"].get<double>() - rates[i].hz) / rates[i].hz, 0.0001);
        EXPECT_LT(std::abs(m["duty_percent"].get<double>() - rates[i].duty_percent), 0.1);
        EXPECT_EQ(m["logic_analyser_sample_ns"], 1000);
        EXPECT_NE(step["description"].get<std::string>().find("(logic analyser)"), std::string::npos);
    }
}

TEST_F(BlinkStep, AKilohertzThroughTheProbeIsRefusedAndNamesTheLogicAnalyser)
{
    const CommandResult result = run(write_suite(
        "too-fast-for-probe", suite_text("too-fast-for-probe", {{"1 kHz", 250, 750, {{"frequency_hz", 1000}}}})));
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_THAT(result.output, HasSubstr("a frequency up to 250 Hz"));
    EXPECT_THAT(result.output, HasSubstr("\"sampler\": \"logic_analyser\" sees up to 100000 Hz"));
}

TEST_F(BlinkStep, TheLogicAnalyserOnARealBoardIsRefusedBeforeTheRun)
{
    const std::string suite = write_suite(
        "analyser-bench",
        suite_text("analyser-bench", {{"1 kHz", 250, 750, {{"frequency_hz", 1000}, {"sampler", "logic_analyser"}}}}));
    const std::string bench =
        write_bench(json{{"name", "desk"}, {"boards", {{{"name", "bp"}, {"probe", "stlink:NOSUCHSERIAL0001"}}}}});
    const CommandResult result = run(suite, {"--bench", bench});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_THAT(result.output, HasSubstr("only the simulated board has a logic analyser"));
}

TEST_F(BlinkStep, FirmwareBlinkingTenAndTwentyTimesTooFastFails)
{
    const json step = {{"frequency_hz", 1}, {"tolerance_percent", 10}, {"window_ms", 3000}};
    const std::vector<unsigned> levels_us = {50000, 26320, 25000, 23810};  // 10, 19, 20, 21 Hz
    std::vector<BlinkCase> cases;
    for (const unsigned level : levels_us)
        cases.push_back({std::to_string(level) + " us", level, level, step});
    const CommandResult result = run(write_suite("too-fast", suite_text("too-fast", cases)));
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_THAT(result.output, HasSubstr("PC13 blinks at 10.00 Hz, expected 1 Hz ±10%"));
    EXPECT_THAT(result.output, HasSubstr("PC13 blinks at 20.00 Hz, expected 1 Hz ±10%"));
    const json tests = report("too-fast")["runs"][0]["tests"];
    ASSERT_EQ(tests.size(), cases.size() + 1);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const json& blink = blink_step(tests[i + 1]);
        const double frequency = 1e6 / (2.0 * levels_us[i]);
        EXPECT_EQ(tests[i + 1]["status"], "failed") << blink.dump(2);
        EXPECT_LT(std::abs(blink["measurements"]["frequency_hz"].get<double>() - frequency) / frequency,
                  0.001)
            << blink.dump(2);
    }
    expect_valid_junit("too-fast");
}

TEST_F(BlinkStep, FirmwareBlinkingFasterThanTheSamplerFailsSayingSo)
{
    // 5 kHz, 50 kHz, and about one blink per probe round trip (the worst alias).
    const std::vector<unsigned> levels_us = {100, 10, 540};
    std::vector<BlinkCase> cases;
    for (const unsigned level : levels_us) {
        cases.push_back({std::to_string(level) + " us, frequency", level, level, {{"frequency_hz", 1}}});
        cases.push_back({std::to_string(level) + " us, limit", level, level, {{"max_frequency_hz", 5}}});
    }
    const CommandResult result = run(write_suite("sampler", suite_text("sampler", cases)));
    EXPECT_EQ(result.exit_code, 1) << result.output;
    const json tests = report("sampler")["runs"][0]["tests"];
    ASSERT_EQ(tests.size(), cases.size() + 1);
    for (std::size_t i = 1; i < tests.size(); ++i) {
        const json& step = blink_step(tests[i]);
        SCOPED_TRACE(step.dump(2));
        EXPECT_EQ(step["status"], "failed");
        EXPECT_THAT(step["message"].get<std::string>(),
                    HasSubstr("PC13 changes faster than the sampler can see at this probe's rate"));
        EXPECT_THAT(step["message"].get<std::string>(), HasSubstr("so this measurement sees blinks up to 1"));
        EXPECT_GT(step["measurements"]["single_sample_levels"].get<int>(), 0);
        EXPECT_GT(step["measurements"]["max_measurable_hz"].get<double>(), 100.0);
        EXPECT_LT(step["measurements"]["max_measurable_hz"].get<double>(), 200.0);
    }
}

TEST_F(BlinkStep, MaxFrequencyPassesASteadyOrSlowPinAndFailsAFastOne)
{
    const json step = {{"max_frequency_hz", 5}};
    const CommandResult result =
        run(write_suite("limit", suite_text("limit", {{"steady", 10000000, 10000000, step},
                                                      {"2 Hz", 250000, 250000, step},
                                                      {"20 Hz", 25000, 25000, step}})));
    EXPECT_EQ(result.exit_code, 1) << result.output;
    const json tests = report("limit")["runs"][0]["tests"];
    EXPECT_EQ(tests[1]["status"], "passed") << tests[1].dump(2);
    EXPECT_EQ(blink_step(tests[1])["measured"], "no change");
    EXPECT_EQ(tests[2]["status"], "passed") << tests[2].dump(2);
    EXPECT_EQ(tests[3]["status"], "failed") << tests[3].dump(2);
    EXPECT_THAT(blink_step(tests[3])["message"].get<std::string>(),
                HasSubstr("expected at most 5 Hz, or steady"));
}

TEST_F(BlinkStep, AStalledLinkIsAnErrorNotAFrequency)
{
    // The target answers WAIT to 120 SWD packets in the middle of the window: the driver backs off
    // for tens of milliseconds, longer than a level of the 50 Hz blink the step checks.
    const CommandResult result = run(write_suite(
        "stall", suite_text("stall", {{"50 Hz", 10000, 10000, {{"frequency_hz", 50}, {"window_ms", 3000}}}},
                            json::array({"swd-wait-storm@t=2500ms,count=120"}))));
    EXPECT_EQ(result.exit_code, 3) << result.output;
    const json tests = report("stall")["runs"][0]["tests"];
    const json& step = blink_step(tests[1]);
    EXPECT_EQ(step["status"], "error") << step.dump(2);
    EXPECT_EQ(step["error_kind"], "timeout");
    EXPECT_THAT(step["message"].get<std::string>(), HasSubstr("the probe's samples of PC13 were up to"));
    EXPECT_THAT(step["message"].get<std::string>(), HasSubstr("the USB link stalled"));
}

TEST_F(BlinkStep, SemihostingOutputIsServicedWhileSampling)
{
    const CommandResult result = run(write_suite(
        "printing",
        suite_text("printing",
                   {{"prints", 500000, 500000, {{"frequency_hz", 1}, {"tolerance_percent", 5}}, 2},
                    {"quiet", 500000, 500000, {{"frequency_hz", 1}, {"tolerance_percent", 5}}}})));
    EXPECT_EQ(result.exit_code, 0) << result.output;
    const json tests = report("printing")["runs"][0]["tests"];
    EXPECT_THAT(tests[1]["output"].get<std::string>(), HasSubstr("blink\n"));
    const json& printing = blink_step(tests[1])["measurements"];
    const json& quiet = blink_step(tests[2])["measurements"];
    EXPECT_GE(printing["semihosting_calls"].get<int>(), 1) << printing.dump();
    EXPECT_FALSE(quiet.contains("semihosting_calls")) << quiet.dump();
    // Looking for semihosting calls costs samples only once the firmware makes them.
    EXPECT_GT(printing["samples"].get<int>(), quiet["samples"].get<int>() * 8 / 10) << printing.dump();
}

}  // namespace
}  // namespace hiltest
