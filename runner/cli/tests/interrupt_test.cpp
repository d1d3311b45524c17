// Ctrl-C and SIGTERM stop a run and leave the process to say so; once a run's verdict is written,
// a late Ctrl-C changes nothing. Each case runs in its own child process (a death test), since
// signal handlers belong to a whole process.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>

#include "runner/cli/interrupt.hpp"

namespace hiltest::cli {
namespace {

constexpr int kSeen = 3;
constexpr int kNotSeen = 4;

// What `hiltest run` does around a run: it asks for the flag, the run ends, the reports are
// written, and then the process is on its way out.
[[noreturn]] void a_run_then_a_signal(int signal)
{
    const std::atomic<bool>& interrupted = stop_runs_on_interrupt();
    std::raise(signal);  // delivered to this thread before raise returns
    std::_Exit(interrupted ? kSeen : kNotSeen);
}

TEST(InterruptDeathTest, CtrlCIsSeenByTheRunInsteadOfEndingTheProcess)
{
    EXPECT_EXIT(a_run_then_a_signal(SIGINT), testing::ExitedWithCode(kSeen), "");
}

TEST(InterruptDeathTest, SigtermFromACancelledCiJobIsSeenToo)
{
    EXPECT_EXIT(a_run_then_a_signal(SIGTERM), testing::ExitedWithCode(kSeen), "");
}

// The campaign's seed 20261203 run 88 (ASan build): a Ctrl-C that came after the reports were
// written killed the process by SIGINT, so a run whose reports said PASS ended as "cancelled".
// Asking twice (two commands' worth) keeps the handlers too.
TEST(InterruptDeathTest, ACtrlCAfterTheRunEndedLeavesTheProcessToExitWithItsVerdict)
{
    EXPECT_EXIT(
        {
            { (void)stop_runs_on_interrupt(); }  // the run, over
            (void)stop_runs_on_interrupt();
            std::raise(SIGINT);
            std::_Exit(EXIT_SUCCESS);  // the verdict: passed
        },
        testing::ExitedWithCode(EXIT_SUCCESS), "");
}

// A parent (a CI runner's shell, a test harness) may start us with the signals blocked.
TEST(InterruptDeathTest, SignalsBlockedByTheParentAreUnblocked)
{
    EXPECT_EXIT(
        {
            sigset_t stop_signals;
            sigemptyset(&stop_signals);
            sigaddset(&stop_signals, SIGINT);
            pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
            a_run_then_a_signal(SIGINT);
        },
        testing::ExitedWithCode(kSeen), "");
}

}  // namespace
}  // namespace hiltest::cli
