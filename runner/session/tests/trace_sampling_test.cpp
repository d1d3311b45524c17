#include "runner/session/trace_sampling.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hiltest::session {
namespace {

using namespace std::chrono_literals;

// A PWM output as the simulated board's pin trace records it: `periods` periods of `period`,
// high for `high` of each, starting `offset` after `start`.
std::vector<PinLevelChange> pwm(TimePoint start, Nanoseconds offset, Nanoseconds period, Nanoseconds high,
                                int periods)
{
    std::vector<PinLevelChange> changes;
    for (int k = 0; k < periods; ++k) {
        const TimePoint rise = start + offset + k * period;
        changes.push_back({rise, true});
        changes.push_back({rise + high, false});
    }
    return changes;
}

TEST(TraceSampling, APwmAtOneKilohertzAndAQuarterDutyIsMeasuredToAHundredthOfAPercent)
{
    // Edges off the microsecond grid (333 ns in) and the window starting mid-period.
    const TimePoint start(5'000'000'123);
    const BlinkMeasurement m = sample_trace(false, pwm(start, 333ns, 1ms, 250us, 1000), start, 1000ms);
    ASSERT_TRUE(m.frequency_hz && m.duty_percent);
    EXPECT_EQ(m.samples, 1'000'001u) << "one sample per microsecond, both ends included";
    EXPECT_EQ(m.edges, 2000u);
    EXPECT_LT(std::abs(*m.frequency_hz - 1000.0) / 1000.0, 1e-4);
    EXPECT_LE(std::abs(*m.frequency_hz - 1000.0), *m.frequency_error_bound_hz);
    EXPECT_LT(std::abs(*m.duty_percent - 25.0), 0.1) << "an edge is known to a microsecond of a 1 ms period";
    EXPECT_EQ(m.single_sample_levels, 0u);
    EXPECT_EQ(m.resolution, 2us);
}

TEST(TraceSampling, LevelsShorterThanASampleAreSeenAsTooFast)
{
    // 1.2 µs pulses every 3.3 µs: a pulse holds one sample or two.
    const TimePoint start(0);
    const BlinkMeasurement m = sample_trace(false, pwm(start, 100ns, 3300ns, 1200ns, 3000), start, 9ms);
    EXPECT_GT(m.single_sample_levels, 0u);
    EXPECT_LT(m.max_measurable_hz, 1.0 / 3.3e-6) << "the analysis says it cannot follow this";
}

TEST(TraceSampling, AStillPinHasNoEdgesAndKeepsItsLevel)
{
    const BlinkMeasurement high = sample_trace(true, {}, TimePoint(0), 10ms);
    EXPECT_EQ(high.edges, 0u);
    EXPECT_FALSE(high.frequency_hz);
    // Changes before the window do not count; the level at its start does.
    const BlinkMeasurement one = sample_trace(true, {{TimePoint(4'000'000), false}}, TimePoint(0), 10ms);
    EXPECT_EQ(one.edges, 1u);
}

}  // namespace
}  // namespace hiltest::session
