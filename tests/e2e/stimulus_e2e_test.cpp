// End to end: the stimulus steps (set_pin, uart_send, set_analog) through `hiltest run`: on the
// simulated board (testsuites/stimulus.json, testsuites/adc.json), through a bench board's
// stimulus hooks, and the refusal of a real board that has no hook for them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
using nlohmann::json;
namespace fs = std::filesystem;

class Stimulus : public RunCommandTest {
protected:
    // A bench of one board.
    std::string write_board(const json& board)
    {
        return write_bench(json{{"name", "desk"}, {"boards", json::array({board})}});
    }
};

TEST_F(Stimulus, TheSuitePassesOnTheSimulatedBoard)
{
    const CommandResult result = run(testsuite("stimulus"));
    EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST_F(Stimulus, ARealBoardWithoutTheHooksIsRefusedBeforeAnythingRuns)
{
    const std::string bench = write_board({{"name", "bp"}, {"probe", "stlink:NOSUCHSERIAL0001"},
                                           {"hooks", {{"before", "echo before >> hooks.log"}}}});
    const CommandResult result = run(testsuite("stimulus"), {"--bench", bench});
    EXPECT_EQ(result.exit_code, 2) << "a suite this bench cannot carry out is the user's to fix\n" << result.output;
    EXPECT_NE(result.output.find("test 'an input pin follows set_pin' has a \"set_pin\" step, which this board cannot "
                                 "carry out"),
              std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("give the board a \"set_pin\" hook"), std::string::npos) << result.output;
    EXPECT_FALSE(fs::exists(dir_ / "hooks.log")) << "refused before the before hook switched anything on";
}

TEST_F(Stimulus, AFilterThatLeavesTheStimulusTestsOutIsNotRefused)
{
    // Only the third test, and the board has its hook: the run goes on to look for the probe.
    json board = {{"name", "bp"}, {"probe", "stlink:NOSUCHSERIAL0001"}, {"hooks", {{"set_analog", "true"}}}};
    const CommandResult result =
        run(testsuite("stimulus"), {"--bench", write_board(board), "--filter", "set_analog*"});
    EXPECT_EQ(result.exit_code, 3) << "no such ST-Link: the bench could not test\n" << result.output;
    EXPECT_EQ(result.output.find("cannot carry out"), std::string::npos) << result.output;
}

TEST_F(Stimulus, ASimulatedBoardRunsItsStimulusHooksAndThenDoesTheStep)
{
    json board = {{"name", "bp"},
                  {"probe", "sim"},
                  {"hooks",
                   {{"set_pin", "echo \"$HILTEST_HOOK $HILTEST_PIN $HILTEST_LEVEL\" >> stimulus.log"},
                    {"uart_send", "echo \"$HILTEST_HOOK $HILTEST_UART $HILTEST_BYTES_HEX\" >> stimulus.log"},
                    {"set_analog", "echo \"$HILTEST_HOOK $HILTEST_PIN $HILTEST_VOLTS\" >> stimulus.log"}}}};
    const CommandResult result = run(testsuite("stimulus"), {"--bench", write_board(board)});
    EXPECT_EQ(result.exit_code, 0) << "the simulated board follows each hook, so the suite passes\n" << result.output;
    EXPECT_EQ(read_file(dir_ / "stimulus.log"),
              "set_pin PA0 high\nset_pin PA0 low\nset_pin PA0 high\nset_pin PA0 released\n"
              "uart_send uart1 70696e670a\nuart_send uart1 00ff\n"
              "set_analog PA1 1.65\nset_analog PB0 3.3\n");
}

TEST_F(Stimulus, AFailingStimulusHookIsAnInfrastructureErrorNotAFailure)
{
    json board = {{"name", "bp"}, {"probe", "sim"}, {"hooks", {{"uart_send", "echo relay jammed; exit 4"}}}};
    const CommandResult result = run(testsuite("stimulus"), {"--bench", write_board(board)});
    EXPECT_EQ(result.exit_code, 3) << result.output;
    const json report = this->report("stimulus.bp");
    const json& run = report["runs"][0];
    const json& test = run["tests"][1];
    EXPECT_EQ(test["status"], "error") << test.dump(2);
    EXPECT_EQ(test["steps"][3]["error_kind"], "hook-failed") << test.dump(2);
    EXPECT_NE(test["steps"][3]["message"].get<std::string>().find("relay jammed"), std::string::npos) << test.dump(2);
    EXPECT_EQ(run["tests"][0]["status"], "passed") << "the other tests still give their verdicts";
    EXPECT_EQ(run["hooks"][0]["hook"], "uart_send") << run["hooks"].dump(2);
}

// adc_read converts PA1 continuously; set_analog changes what it reads (testsuites/adc.json).
TEST_F(Stimulus, TheAdcSuiteReadsTheVoltagesSetAnalogPuts)
{
    const CommandResult result = run(testsuite("adc"));
    EXPECT_EQ(result.exit_code, 0) << result.output;
    const CommandResult sim = run_program({kHiltest, "sim", "run", kFirmware + "/adc_read.elf", "--for", "20ms"});
    EXPECT_EQ(sim.exit_code, 0) << sim.output;
    EXPECT_EQ(sim.output.find("fidelity warning"), std::string::npos) << "ADC1 as adc_read uses it is modelled\n"
                                                                      << sim.output;
}

}  // namespace
}  // namespace hiltest
