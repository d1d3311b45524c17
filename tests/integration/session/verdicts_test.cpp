// The session on the simulated rig, in-process: a suite the firmware meets passes, and an
// assertion the firmware does not meet is `failed` (the exit code 1 class), with what was
// expected and what was measured.
#include <gtest/gtest.h>

#include "tests/integration/session/session_on_rig.hpp"

namespace hiltest::testing {
namespace {

using reports::Status;

const std::string kStart = R"({"name": "start", "steps": [{"do": "flash"}, {"do": "reset", "mode": "run"},
                                                           {"do": "wait", "ms": 100}]})";

TEST(SessionOnRigVerdicts, TheBlinkSuitePassesWithFlashStatisticsAndAMeasuredFrequency)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(suite_json("blink_systick.elf", kStart + R"(,
        {"name": "blinks", "depends_on": ["start"], "steps": [
           {"do": "expect_memory", "symbol": "system_clock_hz", "equals": 72000000},
           {"do": "expect_pin", "pin": "PC13", "level": "low", "name": "configured as output"},
           {"do": "expect_blink", "pin": "PC13", "frequency_hz": 1, "tolerance_percent": 5, "window_ms": 3000},
           {"do": "expect_fault", "fault": "none"}]})"));

    EXPECT_EQ(exit_code(run), cli::kExitOk) << summary(run);
    ASSERT_EQ(run.tests.size(), 2u) << summary(run);
    EXPECT_EQ(test_named(run, "start").status, Status::Passed) << summary(run);
    const reports::TestResult& blinks = test_named(run, "blinks");
    ASSERT_EQ(blinks.status, Status::Passed) << summary(run);
    ASSERT_EQ(blinks.steps.size(), 4u);
    const reports::StepResult& blink = blinks.steps[2];
    ASSERT_TRUE(blink.measurements.contains("frequency_hz")) << blink.measurements.dump(2);
    EXPECT_NEAR(blink.measurements["frequency_hz"].get<double>(), 1.0, 0.05) << blink.measurements.dump(2);
    // The report's flash block comes from the flash step; the firmware is the build's.
    EXPECT_EQ(run.flash.value("verified", false), true) << run.flash.dump(2);
    EXPECT_GT(run.flash.value("pages_programmed", 0), 0) << run.flash.dump(2);
    EXPECT_EQ(run.properties.firmware, kFirmwareDir + "/blink_systick.elf");
    EXPECT_EQ(run.properties.firmware_sha256.size(), 64u);
    EXPECT_EQ(run.properties.target, "STM32F103 medium density") << "the chip found, not the suite's target";
    EXPECT_EQ(run.properties.probe_serial, session.rig().transport().identity().serial);
}

TEST(SessionOnRigVerdicts, ABlinkAtTheWrongRateIsFailedNotAnError)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(suite_json("blink_systick.elf", kStart + R"(,
        {"name": "blinks at 2 Hz", "depends_on": ["start"], "steps": [
           {"do": "expect_blink", "pin": "PC13", "frequency_hz": 2, "window_ms": 3000},
           {"do": "expect_fault", "fault": "none"}]})"));

    EXPECT_EQ(exit_code(run), cli::kExitTestFailed) << summary(run);
    EXPECT_TRUE(run.error.empty()) << summary(run);
    const reports::TestResult& blinks = test_named(run, "blinks at 2 Hz");
    EXPECT_EQ(blinks.status, Status::Failed) << summary(run);
    EXPECT_TRUE(blinks.error_kind.empty()) << blinks.error_kind;
    ASSERT_EQ(blinks.steps.size(), 2u);
    EXPECT_EQ(blinks.steps[0].status, Status::Failed);
    EXPECT_FALSE(blinks.steps[0].expected.empty());
    EXPECT_FALSE(blinks.steps[0].measured.empty());
    EXPECT_EQ(blinks.steps[1].status, Status::Skipped) << "a test stops at its first failed step";
}

TEST(SessionOnRigVerdicts, AWrongMemoryValueIsFailedAndWrittenAsWideAsTheAccess)
{
    // 0x1FFFF7E0 is the flash size register (16 bits, KB): 64 on the simulated STM32F103C8.
    SessionOnRig session;
    const reports::SuiteResult run = session.run(suite_json("counter.elf", R"(
        {"name": "flash size", "steps": [
           {"do": "reset", "mode": "halt"},
           {"do": "expect_memory", "address": "0x1FFFF7E0", "width": 16, "equals": 64, "name": "16 bits"},
           {"do": "expect_memory", "address": "0x1FFFF7E0", "width": 8, "equals": 64, "name": "8 bits"},
           {"do": "expect_memory", "address": "0x1FFFF7E0", "width": 16, "equals": 65, "name": "wrong"}]})"));

    EXPECT_EQ(exit_code(run), cli::kExitTestFailed) << summary(run);
    const reports::TestResult& test = test_named(run, "flash size");
    ASSERT_EQ(test.steps.size(), 4u) << summary(run);
    EXPECT_EQ(test.steps[1].status, Status::Passed) << test.steps[1].message;
    EXPECT_EQ(test.steps[1].measured, "0x0040");
    EXPECT_EQ(test.steps[2].status, Status::Passed) << test.steps[2].message;
    EXPECT_EQ(test.steps[2].measured, "0x40");
    const reports::StepResult& wrong = test.steps[3];
    EXPECT_EQ(wrong.status, Status::Failed);
    EXPECT_EQ(wrong.expected, "0x0041 under mask 0x0000FFFF") << "a 16-bit access compares 16 bits";
    EXPECT_EQ(wrong.measured, "0x0040");
    EXPECT_EQ(wrong.measurements["address"], "0x1FFFF7E0");
    EXPECT_EQ(wrong.message, "0x1FFFF7E0 is 0x0040, expected 0x0041 under mask 0x0000FFFF");
    EXPECT_EQ(test.status, Status::Failed);
}

TEST(SessionOnRigVerdicts, ARegisterOutOfRangeIsFailedWithTheWordInHex)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(suite_json("counter.elf", R"(
        {"name": "pc", "steps": [
           {"do": "flash"},
           {"do": "reset", "mode": "halt"},
           {"do": "expect_register", "register": "pc", "min": "0x08000000", "max": "0x0800FFFF"},
           {"do": "expect_register", "register": "pc", "min": "0x20000000", "max": "0x20004FFF"}]})"));

    EXPECT_EQ(exit_code(run), cli::kExitTestFailed) << summary(run);
    const reports::TestResult& test = test_named(run, "pc");
    ASSERT_EQ(test.steps.size(), 4u) << summary(run);
    EXPECT_EQ(test.steps[2].status, Status::Passed) << test.steps[2].message;
    EXPECT_EQ(test.steps[3].status, Status::Failed);
    EXPECT_EQ(test.steps[3].expected, "between 0x20000000 and 0x20004FFF");
    EXPECT_EQ(test.steps[3].measured, test.steps[2].measured) << "halted: the pc did not move";
    EXPECT_EQ(test.steps[3].measured.substr(0, 6), "0x0800") << test.steps[3].measured;
    EXPECT_EQ(test.steps[3].measured.size(), 10u) << test.steps[3].measured;
}

TEST(SessionOnRigVerdicts, ATestThatDependsOnAFailedOneIsSkippedNotRun)
{
    SessionOnRig session;
    const reports::SuiteResult run = session.run(suite_json("blink_systick.elf", R"(
        {"name": "start", "steps": [{"do": "flash"}, {"do": "reset", "mode": "run"},
                                    {"do": "expect_memory", "symbol": "system_clock_hz", "equals": 48000000}]},
        {"name": "blinks", "depends_on": ["start"], "steps": [
           {"do": "expect_blink", "pin": "PC13", "frequency_hz": 1}]})"));

    EXPECT_EQ(exit_code(run), cli::kExitTestFailed) << summary(run);
    EXPECT_EQ(test_named(run, "start").status, Status::Failed) << summary(run);
    const reports::TestResult& blinks = test_named(run, "blinks");
    EXPECT_EQ(blinks.status, Status::Skipped) << summary(run);
    EXPECT_EQ(blinks.message, "skipped: it depends on 'start', which did not pass");
}

}  // namespace
}  // namespace hiltest::testing
