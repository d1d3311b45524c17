#include "runner/cli/interrupt.hpp"

#include <pthread.h>

#include <csignal>

namespace hiltest::cli {
namespace {

// Set from the signal handler; a signal handler can reach nothing else.
std::atomic<bool> interrupt_requested{false};

extern "C" void on_interrupt(int)
{
    interrupt_requested = true;
}

bool install_handlers()
{
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    action.sa_flags = SA_RESTART;  // the console's writes go on; the run loop reads the flag
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
    return true;
}

}  // namespace

const std::atomic<bool>& stop_runs_on_interrupt()
{
    // A function-local static: installed exactly once, even when boards' threads ask at once.
    static const bool installed = install_handlers();
    (void)installed;
    return interrupt_requested;
}

}  // namespace hiltest::cli
