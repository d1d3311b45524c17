#pragma once
// Time for everything above the transport. Nothing in probe/ or runner/ sleeps directly:
// on a bench the SteadyClock waits for real, on the virtual bench a simulated clock advances
// the simulated board instead, so suites there are deterministic and fast.
#include <chrono>
#include <cstdint>

namespace hiltest {

using Duration = std::chrono::nanoseconds;
using TimePoint = std::chrono::nanoseconds;  // since an arbitrary, clock-specific epoch

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
    virtual void sleep_for(Duration duration) = 0;
};

// The wall clock: used only when a real probe is attached.
class SteadyClock final : public Clock {
public:
    TimePoint now() const override;
    void sleep_for(Duration duration) override;
};

// A clock that only moves when told to; sleep_for advances it. For tests of timing logic
// (retry backoff, timeouts) without waiting.
class ManualClock final : public Clock {
public:
    TimePoint now() const override { return now_; }
    void sleep_for(Duration duration) override { now_ += duration; }
    void advance(Duration duration) { now_ += duration; }

private:
    TimePoint now_{0};
};

}  // namespace hiltest
