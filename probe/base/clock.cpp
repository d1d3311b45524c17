#include "probe/base/clock.hpp"

#include <thread>

namespace hiltest {

TimePoint SteadyClock::now() const
{
    return std::chrono::duration_cast<TimePoint>(std::chrono::steady_clock::now().time_since_epoch());
}

void SteadyClock::sleep_for(Duration duration)
{
    // The one place in the product that really waits.
    if (duration.count() > 0) std::this_thread::sleep_for(duration);
}

}  // namespace hiltest
