#pragma once
// Ctrl-C and SIGTERM (a CI runner cancelling the job) while a command runs: they stop the run,
// not the process, so it can still say what happened and write its reports. The previous
// handlers come back when the command ends.
#include <atomic>
#include <csignal>

namespace hiltest::cli {

class InterruptHandlers {
public:
    // Installed, and the signals unblocked (a parent may start us with them blocked); no
    // interrupt requested yet.
    InterruptHandlers();
    ~InterruptHandlers();
    InterruptHandlers(const InterruptHandlers&) = delete;
    InterruptHandlers& operator=(const InterruptHandlers&) = delete;

    // Set once SIGINT or SIGTERM arrived.
    const std::atomic<bool>& requested() const;

private:
    struct sigaction previous_int_ {};
    struct sigaction previous_term_ {};
};

}  // namespace hiltest::cli
