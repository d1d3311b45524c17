#include "runner/cli/interrupt.hpp"

#include <pthread.h>

namespace hiltest::cli {
namespace {

// Set from the signal handler; a signal handler can reach nothing else.
std::atomic<bool> interrupt_requested{false};

extern "C" void on_interrupt(int)
{
    interrupt_requested = true;
}

}  // namespace

InterruptHandlers::InterruptHandlers()
{
    interrupt_requested = false;
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    action.sa_flags = SA_RESTART;  // the console's writes go on; the run loop reads the flag
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_int_);
    sigaction(SIGTERM, &action, &previous_term_);
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
}

InterruptHandlers::~InterruptHandlers()
{
    sigaction(SIGINT, &previous_int_, nullptr);
    sigaction(SIGTERM, &previous_term_, nullptr);
}

const std::atomic<bool>& InterruptHandlers::requested() const
{
    return interrupt_requested;
}

}  // namespace hiltest::cli
