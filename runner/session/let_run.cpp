#include "runner/session/let_run.hpp"

#include <algorithm>

#include "probe/base/error.hpp"

namespace hiltest::session {

void let_run(probe::arm::CortexM& core, probe::arm::SemihostingService& semihosting,
             std::chrono::milliseconds duration, const std::atomic<bool>* interrupted, OutputCapture* outputs)
{
    const Duration slice_length = outputs ? std::min<Duration>(outputs->poll_interval(), std::chrono::milliseconds(100))
                                    : Duration(std::chrono::milliseconds(100));
    Clock& clock = core.clock();
    const auto deadline = clock.now() + duration;
    bool halted = false;
    while (clock.now() < deadline) {
        if (interrupted && interrupted->load()) throw Error(ErrorKind::Interrupted, "interrupted");
        const auto slice = std::min<Duration>(deadline - clock.now(), slice_length);
        if (halted) {
            clock.sleep_for(slice);
            if (outputs) outputs->poll();
            continue;
        }
        const bool stopped = core.wait_for_halt(slice);
        if (outputs) outputs->poll();
        if (!stopped) continue;
        if (!semihosting.service_if_requested() || semihosting.exit_code()) {
            halted = true;
            continue;
        }
        core.resume();
    }
    if (outputs) outputs->poll();  // what the last serviced call printed
}

bool target_stopped(probe::arm::CortexM& core, probe::arm::SemihostingService& semihosting)
{
    if (semihosting.exit_code()) return true;
    if (!core.status().halted()) return false;
    if (!semihosting.service_if_requested()) return true;
    if (semihosting.exit_code()) return true;
    core.resume();
    return false;
}

}  // namespace hiltest::session
