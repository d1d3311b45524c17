// End to end: the timer fixtures under `hiltest sim run` (every timer register they use is
// modelled, so no fidelity warning) and their suites (testsuites/timer-irq.json, timer-pwm.json).
#include <gtest/gtest.h>

#include <string>

#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;

class TimerFixtures : public RunCommandTest {};

TEST_F(TimerFixtures, SimRunReportsNoFidelityWarning)
{
    for (const std::string image : {"timer_irq", "timer_pwm"}) {
        const CommandResult result = run_program({kHiltest, "sim", "run", kFirmware + "/" + image + ".elf", "--for", "300ms"});
        EXPECT_EQ(result.exit_code, 0) << image << "\n" << result.output;
        EXPECT_EQ(result.output.find("fidelity warning"), std::string::npos) << image << "\n" << result.output;
    }
}

TEST_F(TimerFixtures, TheTimerIrqSuitePasses)
{
    const CommandResult result = run(testsuite("timer-irq"));
    EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST_F(TimerFixtures, TheTimerPwmSuitePasses)
{
    const CommandResult result = run(testsuite("timer-pwm"));
    EXPECT_EQ(result.exit_code, 0) << result.output;
}

}  // namespace
}  // namespace hiltest
