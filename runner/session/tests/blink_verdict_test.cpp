#include "runner/session/blink_verdict.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "runner/session/tests/blink_signal.hpp"

namespace hiltest::session {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using testing::sample;
using testing::square_wave;
using testing::steady;
using Outcome = BlinkVerdict::Outcome;

suite::ExpectBlinkStep blinking_at(double frequency_hz, double tolerance_percent = 10)
{
    suite::ExpectBlinkStep step;
    step.pin = {'C', 13};
    step.frequency_hz = frequency_hz;
    step.tolerance_percent = tolerance_percent;
    return step;
}

suite::ExpectBlinkStep at_most(double max_frequency_hz)
{
    suite::ExpectBlinkStep step;
    step.pin = {'C', 13};
    step.max_frequency_hz = max_frequency_hz;
    return step;
}

BlinkVerdict judge(const suite::ExpectBlinkStep& step, const testing::Signal& signal, Nanoseconds window = 3s)
{
    return judge_blink(step, analyse_blink(sample(signal, window)));
}

TEST(BlinkVerdict, TheExpectedBlinkPasses)
{
    const BlinkVerdict v = judge(blinking_at(1, 5), square_wave(1.0, 0.5, 0.3));
    EXPECT_EQ(v.outcome, Outcome::Passed) << v.message;
    EXPECT_EQ(v.expected, "1 Hz ±5%");
    EXPECT_THAT(v.measured, ::testing::MatchesRegex("(0\\.999[0-9]|1\\.000) Hz"));
}

// The defect: sampled at an interval derived from the expected 1 Hz, these passed.
TEST(BlinkVerdict, TenAndTwentyTimesTheExpectedFrequencyFail)
{
    for (const double frequency : {10.0, 20.0}) {
        const BlinkVerdict v = judge(blinking_at(1), square_wave(frequency, 0.5, 0.01));
        EXPECT_EQ(v.outcome, Outcome::Failed) << frequency;
        EXPECT_THAT(v.message, HasSubstr("PC13 blinks at " + std::to_string(static_cast<int>(frequency)) +
                                         ".00 Hz, "
                                         "expected 1 Hz ±10%"));
    }
}

TEST(BlinkVerdict, ABlinkFasterThanTheSamplerFailsAndSaysSo)
{
    for (const double frequency : {926.0, 5000.0, 50000.0}) {
        const BlinkVerdict v = judge(blinking_at(1), square_wave(frequency));
        EXPECT_EQ(v.outcome, Outcome::Failed) << frequency;
        EXPECT_EQ(v.measured, "changes faster than the sampler follows");
        EXPECT_THAT(v.message,
                    HasSubstr("PC13 changes faster than the sampler can see at this probe's rate"));
        EXPECT_THAT(v.message, HasSubstr("so this measurement sees blinks up to 1"));  // about 145 Hz
    }
}

TEST(BlinkVerdict, NoBlinkTooFastForTheSamplerEverPasses)
{
    std::uint64_t seed = 100;
    for (double frequency = 160; frequency < 100000; frequency *= 1.05) {
        const auto samples = sample(square_wave(frequency, 0.5, 0.37 / frequency), 1s, {.seed = ++seed});
        const BlinkMeasurement m = analyse_blink(samples);
        for (const auto& step : {blinking_at(1), blinking_at(100), at_most(5), at_most(100)})
            EXPECT_NE(judge_blink(step, m).outcome, Outcome::Passed) << frequency << " Hz";
    }
}

TEST(BlinkVerdict, DutyCycleIsCheckedInPercentagePoints)
{
    auto step = blinking_at(10);
    step.duty_percent = 25;
    step.duty_tolerance_percent = 2;
    const BlinkVerdict ok = judge(step, square_wave(10, 0.25, 0.02));
    EXPECT_EQ(ok.outcome, Outcome::Passed) << ok.message;
    EXPECT_EQ(ok.expected, "10 Hz ±10%, duty 25% ±2");
    EXPECT_THAT(ok.measured, HasSubstr("10.00 Hz, duty 2"));

    step.duty_percent = 50;
    const BlinkVerdict wrong = judge(step, square_wave(10, 0.25, 0.02));
    EXPECT_EQ(wrong.outcome, Outcome::Failed);
    EXPECT_THAT(wrong.message, HasSubstr("PC13 is high 2"));
    EXPECT_THAT(wrong.message, HasSubstr("% of the period, expected 10 Hz ±10%, duty 50% ±2"));
}

TEST(BlinkVerdict, MaxFrequencyPassesASteadyPinAndSlowBlinksAndFailsFasterOnes)
{
    EXPECT_EQ(judge(at_most(5), steady(true), 1s).outcome, Outcome::Passed);
    EXPECT_EQ(judge(at_most(5), steady(true), 1s).measured, "no change");
    EXPECT_EQ(judge(at_most(5), square_wave(2), 1s).outcome, Outcome::Passed);
    EXPECT_EQ(judge(at_most(5), square_wave(4.9, 0.5, 0.01), 3s).outcome, Outcome::Passed);
    // One change, one pulse: no period.
    EXPECT_EQ(judge(
                  at_most(5), [](double t) { return t > 0.4; }, 1s)
                  .outcome,
              Outcome::Passed);
    EXPECT_EQ(judge(
                  at_most(5), [](double t) { return t > 0.4 && t < 0.45; }, 1s)
                  .outcome,
              Outcome::Passed);

    const BlinkVerdict fast = judge(at_most(5), square_wave(20, 0.5, 0.01), 1s);
    EXPECT_EQ(fast.outcome, Outcome::Failed);
    EXPECT_EQ(fast.expected, "at most 5 Hz, or steady");
    EXPECT_THAT(fast.message, HasSubstr("PC13 blinks at 20."));
    EXPECT_THAT(fast.message, HasSubstr("(its shortest period, "));
}

TEST(BlinkVerdict, MaxFrequencyJudgesTheShortestPeriodOfAnIrregularBlink)
{
    // Once a second two 50 ms flashes 150 ms apart: a period of 150 ms, faster than 5 Hz.
    const testing::Signal heartbeat = [](double t) {
        const double in_second = t - std::floor(t);
        return in_second < 0.05 || (in_second >= 0.15 && in_second < 0.2);
    };
    EXPECT_EQ(judge(at_most(5), heartbeat).outcome, Outcome::Failed);
    EXPECT_EQ(judge(at_most(7), heartbeat).outcome, Outcome::Passed);
}

TEST(BlinkVerdict, AnIrregularBlinkIsNotASteadyOne)
{
    const testing::Signal heartbeat = [](double t) {
        const double in_second = t - std::floor(t);
        return in_second < 0.05 || (in_second >= 0.15 && in_second < 0.2);
    };
    const BlinkVerdict v = judge(blinking_at(2, 50), heartbeat);
    EXPECT_EQ(v.outcome, Outcome::Failed);
    EXPECT_EQ(v.measured, "irregular");
    EXPECT_THAT(v.message, HasSubstr("PC13 does not blink steadily: an edge lies"));
}

TEST(BlinkVerdict, APinThatDoesNotBlinkFails)
{
    const BlinkVerdict v = judge(blinking_at(1), steady(false));
    EXPECT_EQ(v.outcome, Outcome::Failed);
    EXPECT_EQ(v.measured, "no change");
    EXPECT_EQ(v.message,
              "PC13 did not blink: no level change in 3000 ms (a whole period takes three), "
              "expected 1 Hz ±10%");
}

// A stall: the probe's reads stop for 40 ms in the middle of the window.
std::vector<PinSample> with_gap(const testing::Signal& signal, Nanoseconds from, Nanoseconds length)
{
    std::vector<PinSample> samples;
    for (auto t = 0us; t < 3s; t += 1100us) {
        if (t > from && t < from + length) continue;
        samples.push_back({t, signal(testing::seconds_of(t))});
    }
    return samples;
}

TEST(BlinkVerdict, SamplesTooFarApartForTheExpectedBlinkAreNotAMeasurement)
{
    const BlinkVerdict v =
        judge_blink(blinking_at(50), analyse_blink(with_gap(square_wave(50), 1500ms, 40ms)));
    EXPECT_EQ(v.outcome, Outcome::NotMeasurable);
    EXPECT_THAT(v.message, HasSubstr("the probe's samples of PC13 were up to 40.7 ms apart"));
    EXPECT_THAT(v.message, HasSubstr("50 Hz ±10% has levels as short as 9.09 ms"));
    EXPECT_THAT(v.remedy, HasSubstr("the USB link stalled"));
    // The same gap does not matter to a 1 Hz blink: its levels are 450 ms at the shortest.
    EXPECT_EQ(
        judge_blink(blinking_at(1), analyse_blink(with_gap(square_wave(1, 0.5, 0.2), 1500ms, 40ms))).outcome,
        Outcome::Passed);
}

TEST(BlinkVerdict, ABlinkBeyondTheProbesRateIsNotAMeasurement)
{
    const BlinkVerdict v = judge(blinking_at(200), square_wave(200));
    EXPECT_EQ(v.outcome, Outcome::NotMeasurable);
    EXPECT_THAT(v.remedy, HasSubstr("this probe cannot read the pin fast enough for this blink"));
}

// Once the samples could follow any acceptable blink, what they show is a verdict: a stall that
// hides a level of a blink faster than expected does not turn a failure into an error.
TEST(BlinkVerdict, EdgesAGapHidesOfAFasterBlinkStillFail)
{
    // Expected 1 Hz; the pin blinks at 4 Hz and a 200 ms stall hides one of its 125 ms levels.
    const auto samples = with_gap(square_wave(4, 0.5, 0.05), 1400ms, 200ms);
    const BlinkVerdict v = judge_blink(blinking_at(1), analyse_blink(samples));
    EXPECT_EQ(v.outcome, Outcome::Failed) << v.message;
}

TEST(BlinkVerdict, EdgesThatDoNotFitSayALevelMayHaveFallenBetweenSamples)
{
    // Expected 1 Hz; the pin blinks at 2 Hz and a 260 ms stall swallows one of its 250 ms levels.
    const auto samples = with_gap(square_wave(2, 0.5, 0.05), 1440ms, 260ms);
    const BlinkVerdict v = judge_blink(blinking_at(1), analyse_blink(samples));
    EXPECT_EQ(v.outcome, Outcome::Failed) << v.message;
    EXPECT_THAT(v.message, HasSubstr("PC13 does not blink steadily"));
    EXPECT_THAT(v.message, HasSubstr("fell between two samples, which no acceptable blink has"));
}

TEST(BlinkVerdict, TheShortestAcceptableLevel)
{
    EXPECT_DOUBLE_EQ(shortest_acceptable_level_s(blinking_at(1, 0)), 0.5);
    EXPECT_DOUBLE_EQ(shortest_acceptable_level_s(blinking_at(1, 25)), 0.4);
    auto duty = blinking_at(10, 0);
    duty.duty_percent = 20;
    duty.duty_tolerance_percent = 5;
    EXPECT_DOUBLE_EQ(shortest_acceptable_level_s(duty), 0.015);
    EXPECT_DOUBLE_EQ(shortest_acceptable_level_s(at_most(5)), 0.1);
}

}  // namespace
}  // namespace hiltest::session
