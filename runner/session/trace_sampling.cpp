#include "runner/session/trace_sampling.hpp"

namespace hiltest::session {

BlinkMeasurement sample_trace(bool level_at_start, const std::vector<PinLevelChange>& changes, TimePoint start,
                              Nanoseconds window, Nanoseconds period)
{
    BlinkAnalyser analyser;
    bool level = level_at_start;
    std::size_t next_change = 0;
    for (Nanoseconds t{0}; t <= window; t += period) {
        while (next_change < changes.size() && changes[next_change].time - start <= t) {
            level = changes[next_change].level;
            ++next_change;
        }
        analyser.add({t, level, Nanoseconds(0)});
    }
    return analyser.result();
}

}  // namespace hiltest::session
