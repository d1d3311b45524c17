#include "runner/session/blink_analysis.hpp"

#include <gtest/gtest.h>

namespace hiltest::runner {
namespace {

using std::chrono::milliseconds;

std::vector<PinSample> square_wave(double frequency_hz, milliseconds window, milliseconds interval, milliseconds phase)
{
    std::vector<PinSample> samples;
    const double half_ms = 500.0 / frequency_hz;
    for (auto t = milliseconds(0); t <= window; t += interval) {
        const auto shifted = static_cast<double>((t + phase).count());
        samples.push_back({t, static_cast<long>(shifted / half_ms) % 2 == 1});
    }
    return samples;
}

TEST(BlinkAnalysis, MeasuresASquareWave)
{
    const BlinkMeasurement m = analyse_blink(square_wave(1.0, milliseconds(3000), milliseconds(10), milliseconds(123)));
    ASSERT_TRUE(m.frequency_hz.has_value());
    EXPECT_NEAR(*m.frequency_hz, 1.0, 0.01);
    EXPECT_EQ(m.edges, 6u);
    ASSERT_TRUE(m.duty_high.has_value());
    EXPECT_NEAR(*m.duty_high, 0.5, 0.05);
}

TEST(BlinkAnalysis, TellsTwoHertzFromOne)
{
    const BlinkMeasurement m = analyse_blink(square_wave(2.0, milliseconds(3000), milliseconds(10), milliseconds(0)));
    ASSERT_TRUE(m.frequency_hz.has_value());
    EXPECT_NEAR(*m.frequency_hz, 2.0, 0.02);
}

TEST(BlinkAnalysis, ASteadyPinHasNoFrequency)
{
    std::vector<PinSample> samples;
    for (int i = 0; i < 100; ++i) samples.push_back({milliseconds(i * 10), true});
    const BlinkMeasurement m = analyse_blink(samples);
    EXPECT_EQ(m.edges, 0u);
    EXPECT_FALSE(m.frequency_hz.has_value());
    EXPECT_EQ(m.longest_gap, milliseconds(10));
}

TEST(BlinkAnalysis, OneEdgeIsNotEnough)
{
    const BlinkMeasurement m = analyse_blink({{milliseconds(0), false}, {milliseconds(10), true}, {milliseconds(20), true}});
    EXPECT_EQ(m.edges, 1u);
    EXPECT_FALSE(m.frequency_hz.has_value());
}

}  // namespace
}  // namespace hiltest::runner
