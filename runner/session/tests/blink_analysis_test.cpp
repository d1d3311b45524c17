#include "runner/session/blink_analysis.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "runner/session/tests/blink_signal.hpp"

namespace hiltest::session {
namespace {

using namespace std::chrono_literals;
using testing::sample;
using testing::SamplerModel;
using testing::square_wave;
using testing::steady;

TEST(BlinkAnalysis, FrequencyWithinATenthOfAPercentAndDutyWithinOnePointAtHalfToFiftyHertz)
{
    for (const double frequency : {0.5, 1.0, 10.0, 50.0}) {
        for (const double duty : {0.25, 0.5, 0.7}) {
            for (std::uint64_t seed = 1; seed <= 5; ++seed) {
                const double phase = 0.13 * static_cast<double>(seed) / frequency;
                // Three seconds show three edges of a 0.5 Hz blink only at 50 % duty.
                const auto window = frequency < 1 && duty != 0.5 ? 4s : 3s;
                const BlinkMeasurement m =
                    analyse_blink(sample(square_wave(frequency, duty, phase), window, {.seed = seed}));
                SCOPED_TRACE(::testing::Message() << frequency << " Hz, duty " << duty << ", seed " << seed);
                ASSERT_TRUE(m.frequency_hz.has_value());
                EXPECT_LT(std::abs(*m.frequency_hz - frequency) / frequency, 0.001);
                EXPECT_LE(std::abs(*m.frequency_hz - frequency), *m.frequency_error_bound_hz);
                EXPECT_LT(std::abs(*m.duty_percent - 100 * duty), 1.0);
                EXPECT_EQ(m.single_sample_levels, 0u);
                EXPECT_LT(*m.worst_misfit, 1ms);  // a steady blink fits: far below a quarter period
            }
        }
    }
}

TEST(BlinkAnalysis, TheFrequencyErrorBoundHoldsWhereverTheSamplesFall)
{
    std::mt19937_64 random(42);
    for (int i = 0; i < 200; ++i) {
        const double frequency = 0.5 + static_cast<double>(random() % 100000) / 1000.0;  // 0.5 to 100.5 Hz
        const double phase = static_cast<double>(random() % 1000) / 1000.0 / frequency;
        const BlinkMeasurement m =
            analyse_blink(sample(square_wave(frequency, 0.5, phase), 3s, {.seed = random()}));
        ASSERT_TRUE(m.frequency_hz.has_value()) << frequency;
        EXPECT_LE(std::abs(*m.frequency_hz - frequency), *m.frequency_error_bound_hz) << frequency;
    }
}

TEST(BlinkAnalysis, ASteadyPinHasNoEdgesAndTheSamplesSayWhatTheyResolve)
{
    std::vector<PinSample> samples;
    for (int i = 0; i < 100; ++i) samples.push_back({i * 1ms + (i >= 50 ? 2ms : 0ms), true});
    const BlinkMeasurement m = analyse_blink(samples);
    EXPECT_EQ(m.samples, 100u);
    EXPECT_EQ(m.edges, 0u);
    EXPECT_FALSE(m.frequency_hz.has_value());
    EXPECT_EQ(m.longest_interval, 3ms);  // samples 49 and 50
    EXPECT_EQ(m.resolution, 4ms);        // that interval and its neighbour
    EXPECT_DOUBLE_EQ(m.max_measurable_hz, 125.0);
    using Ms = std::chrono::duration<double, std::milli>;
    EXPECT_NEAR(Ms(m.mean_interval).count(), 101.0 / 99.0, 1e-6);
}

TEST(BlinkAnalysis, FewerThanThreeEdgesGiveNoFrequency)
{
    const BlinkMeasurement one = analyse_blink({{0ms, false}, {10ms, true}, {20ms, true}});
    EXPECT_EQ(one.edges, 1u);
    EXPECT_FALSE(one.frequency_hz.has_value());
    EXPECT_FALSE(one.shortest_level.has_value());

    const BlinkMeasurement pulse = analyse_blink({{0ms, false}, {10ms, true}, {20ms, true}, {30ms, false}});
    EXPECT_EQ(pulse.edges, 2u);
    EXPECT_FALSE(pulse.frequency_hz.has_value());
    ASSERT_TRUE(pulse.shortest_level.has_value());
    EXPECT_EQ(*pulse.shortest_level, 20ms);  // 5 ms to 25 ms, the middles of the intervals
    EXPECT_FALSE(pulse.shortest_period.has_value());
}

TEST(BlinkAnalysis, ALevelSeenByOneSampleIsCountedWithItsBound)
{
    const BlinkMeasurement m =
        analyse_blink({{0ms, false}, {1ms, true}, {2ms, false}, {3ms, false}, {5ms, true}, {6ms, true}});
    EXPECT_EQ(m.single_sample_levels, 1u);           // the high at 1 ms; the last high is not closed
    EXPECT_EQ(m.shortest_single_sample_bound, 2ms);  // it began after 0 ms and ended before 2 ms
}

TEST(BlinkAnalysis, TheEdgesOfAThreeEdgeBlinkGiveItsPeriodAndDuty)
{
    // Rising at 100.5 ms, falling at 400.5 ms, rising at 1100.5 ms (1 ms between samples).
    std::vector<PinSample> samples;
    for (int i = 0; i <= 1200; ++i) {
        const auto t = i * 1ms;
        samples.push_back({t, (t > 100ms && t <= 400ms) || t > 1100ms});
    }
    const BlinkMeasurement m = analyse_blink(samples);
    ASSERT_EQ(m.edges, 3u);
    ASSERT_TRUE(m.frequency_hz.has_value());
    EXPECT_NEAR(*m.frequency_hz, 1.0, 1e-9);
    EXPECT_NEAR(*m.duty_percent, 30.0, 1e-6);
    EXPECT_NEAR(*m.frequency_error_bound_hz, 0.001, 1e-5);  // two edges ±0.5 ms over one second
    EXPECT_EQ(*m.shortest_period, 1000ms);
}

TEST(BlinkAnalysis, TimeTheCoreWasHaltedIsNeitherAnIntervalNorWhereTheEdgeCanBe)
{
    // The core was halted for 20 ms right after the sample at 10 ms: the pin rose in 30–31 ms.
    const BlinkMeasurement m =
        analyse_blink({{9ms, false}, {10ms, false}, {31ms, true, 20ms}, {32ms, true}, {33ms, true}});
    EXPECT_EQ(m.longest_interval, 1ms);
    ASSERT_EQ(m.edges, 1u);
    BlinkAnalyser analyser;
    for (const PinSample& s : {PinSample{10ms, false}, PinSample{31ms, true, 20ms}}) analyser.add(s);
    EXPECT_EQ(analyser.edges().front().time, 30500us);
    EXPECT_EQ(analyser.edges().front().uncertainty, 500us);
}

// Why expect_blink jitters its reads: read at a fixed rate, a blink at a multiple of that rate is
// seen at the same phase every time and looks steady.
TEST(BlinkAnalysis, PeriodicSamplingSeesABlinkAtAMultipleOfItsRateAsSteadyJitteredSamplingDoesNot)
{
    const SamplerModel periodic{.jittered = false};
    for (int multiple = 1; multiple <= 20; ++multiple) {
        const double frequency = multiple / testing::seconds_of(periodic.round_trip);
        const auto signal = square_wave(frequency, 0.5, 0.1 / frequency);
        EXPECT_EQ(analyse_blink(sample(signal, 1s, periodic)).edges, 0u) << frequency;
        const BlinkMeasurement jittered = analyse_blink(sample(signal, 1s));
        EXPECT_GT(jittered.single_sample_levels, 0u) << frequency;
    }
}

// Over the shortest default window, every blink faster than the samples can follow shows a
// level seen by one sample, or a fitted frequency above max_measurable_hz.
TEST(BlinkAnalysis, EveryBlinkTooFastForTheSamplesIsFlagged)
{
    std::vector<double> frequencies;
    for (double f = 160; f < 200000; f *= 1.02) frequencies.push_back(f);
    for (const double step : {1080e-6, 1180e-6, 1270e-6, 2160e-6})
        for (int k = 1; k <= 40; ++k) frequencies.push_back(k / step);
    std::uint64_t seed = 7;
    for (const double frequency : frequencies) {
        const BlinkMeasurement m = analyse_blink(sample(square_wave(frequency), 1s, {.seed = ++seed}));
        const bool flagged =
            m.single_sample_levels > 0 || (m.frequency_hz && *m.frequency_hz > m.max_measurable_hz);
        EXPECT_TRUE(flagged) << frequency << " Hz, " << m.edges << " edges";
    }
}

TEST(BlinkAnalysis, EdgesMissedInAGapDoNotFitASteadyBlink)
{
    // 10 Hz, 50 ms levels; the samples stop for 120 ms and one whole period goes unseen.
    std::vector<PinSample> samples;
    const auto signal = square_wave(10.0, 0.5, 0.013);
    for (auto t = 0ms; t < 3000ms; t += 1ms) {
        if (t > 1000ms && t < 1120ms) continue;
        samples.push_back({t, signal(testing::seconds_of(t))});
    }
    const BlinkMeasurement m = analyse_blink(samples);
    ASSERT_TRUE(m.frequency_hz.has_value());
    EXPECT_GT(testing::seconds_of(*m.worst_misfit), 0.25 / *m.frequency_hz);
}

TEST(BlinkAnalysis, ADoubleFlashDoesNotFitASteadyBlink)
{
    // Two 50 ms flashes 100 ms apart, once a second.
    const testing::Signal heartbeat = [](double t) {
        const double in_second = t - std::floor(t);
        return in_second < 0.05 || (in_second >= 0.15 && in_second < 0.2);
    };
    const BlinkMeasurement m = analyse_blink(sample(heartbeat, 3s));
    ASSERT_TRUE(m.frequency_hz.has_value());
    EXPECT_GT(testing::seconds_of(*m.worst_misfit), 0.25 / *m.frequency_hz);
    EXPECT_NEAR(testing::seconds_of(*m.shortest_period), 0.15, 0.003);
}

TEST(BlinkAnalysis, ASteadyPinReadOverAWindowIsNotAFrequency)
{
    const BlinkMeasurement m = analyse_blink(sample(steady(false), 3s));
    EXPECT_EQ(m.edges, 0u);
    EXPECT_GT(m.samples, 2000u);
    EXPECT_GT(m.max_measurable_hz, 100.0);
    EXPECT_LT(m.max_measurable_hz, 200.0);
}

}  // namespace
}  // namespace hiltest::session
