#include "runner/session/let_run.hpp"

#include <algorithm>

#include "probe/base/error.hpp"

namespace hiltest::session {

void let_run(probe::arm::CortexM& core, probe::arm::SemihostingService& semihosting,
             std::chrono::milliseconds duration, const std::atomic<bool>* interrupted)
{
    constexpr std::chrono::milliseconds kSlice{100};
    Clock& clock = core.clock();
    const auto deadline = clock.now() + duration;
    bool halted = false;
    while (clock.now() < deadline) {
        if (interrupted && interrupted->load()) throw Error(ErrorKind::Interrupted, "interrupted");
        const auto slice = std::min<Duration>(deadline - clock.now(), kSlice);
        if (halted) {
            clock.sleep_for(slice);
            continue;
        }
        if (!core.wait_for_halt(slice)) continue;
        if (!semihosting.service_if_requested() || semihosting.exit_code()) {
            halted = true;
            continue;
        }
        core.resume();
    }
}

}  // namespace hiltest::session
