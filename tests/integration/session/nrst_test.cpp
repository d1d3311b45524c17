// A step that needs a reset the board cannot do. swd_lockout turns SWD off right after reset;
// the next step finds the link gone and only an attach under reset (NRST) gets it back. With NRST
// wired that is what the step's own reset does; without it the step is an infrastructure error
// that says how to reach the board, never a failed assertion.
#include <gtest/gtest.h>

#include "tests/integration/session/session_on_rig.hpp"

namespace hiltest::testing {
namespace {

using reports::Status;

const std::string kLockoutSuite = suite_json("swd_lockout.elf", R"(
    {"name": "install the lockout firmware", "steps": [
       {"do": "flash"},
       {"do": "reset", "mode": "run", "name": "from here on SWD is off"}]},
    {"name": "attach again under reset", "depends_on": ["install the lockout firmware"], "steps": [
       {"do": "reset", "mode": "halt"},
       {"do": "expect_register", "register": "pc", "min": "0x08000000", "max": "0x0800FFFF"},
       {"do": "expect_memory", "address": "0x40010004", "equals": 0, "mask": "0x07000000"}]})",
                                             R"("connection": {"mode": "auto", "retries": 2, "backoff_ms": 50}, )");

sim::RigConfig nrst(bool wired)
{
    sim::RigConfig config;
    config.nrst_wired = wired;
    return config;
}

int under_reset_successes(const reports::SuiteResult& run)
{
    return run.connection["successes_by_strategy"].value("under-reset", 0);
}

TEST(SessionOnRigNrst, WithNrstWiredTheResetStepReconnectsUnderResetAndPasses)
{
    SessionOnRig session(nrst(true));
    const reports::SuiteResult run = session.run(kLockoutSuite);

    EXPECT_EQ(exit_code(run), cli::kExitOk) << summary(run);
    EXPECT_EQ(test_named(run, "attach again under reset").status, Status::Passed) << summary(run);
    EXPECT_GE(under_reset_successes(run), 1) << run.connection.dump(2);
}

TEST(SessionOnRigNrst, ABoardDeclaredWithoutNrstIsAnErrorThatNamesTheHoldResetRemedy)
{
    SessionOnRig session(nrst(false));
    session.declare_nrst_wired(false);  // as the bench file says
    const reports::SuiteResult run = session.run(kLockoutSuite);

    EXPECT_EQ(exit_code(run), cli::kExitInfrastructure) << summary(run);
    EXPECT_FALSE(any_failed(run)) << summary(run);
    EXPECT_EQ(test_named(run, "install the lockout firmware").status, Status::Passed) << summary(run);
    const reports::TestResult& attach = test_named(run, "attach again under reset");
    EXPECT_EQ(attach.status, Status::Error) << summary(run);
    EXPECT_EQ(attach.error_kind, "target-not-responding") << summary(run);
    EXPECT_NE(attach.message.find("so connecting under reset was not tried"), std::string::npos) << attach.message;
    EXPECT_NE(attach.message.find("hold the board's RESET button"), std::string::npos) << attach.message;
    EXPECT_EQ(under_reset_successes(run), 0) << run.connection.dump(2);
}

TEST(SessionOnRigNrst, ABoardWhoseNrstIsUnknownTriesUnderResetAndSaysTheLineDoesNotReach)
{
    SessionOnRig session(nrst(false));  // nothing declared: hiltest tries, the reset never arrives
    const reports::SuiteResult run = session.run(kLockoutSuite);

    EXPECT_EQ(exit_code(run), cli::kExitInfrastructure) << summary(run);
    EXPECT_FALSE(any_failed(run)) << summary(run);
    const reports::TestResult& attach = test_named(run, "attach again under reset");
    EXPECT_EQ(attach.status, Status::Error) << summary(run);
    EXPECT_EQ(attach.error_kind, "target-not-responding") << summary(run);
    EXPECT_NE(attach.message.find("NRST line does not reach the chip"), std::string::npos) << attach.message;
    EXPECT_EQ(under_reset_successes(run), 0) << run.connection.dump(2);
}

}  // namespace
}  // namespace hiltest::testing
