#include "runner/session/blink_verdict.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace hiltest::session {
namespace {

using Outcome = BlinkVerdict::Outcome;

double seconds(Nanoseconds duration)
{
    return std::chrono::duration<double>(duration).count();
}

// As the suite wrote it: "1", "0.5", "2.5".
std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

// Four significant digits, trailing zeros kept: they show the precision ("1.000 Hz").
std::string hz(double value)
{
    char text[32];
    if (value >= 1000)
        std::snprintf(text, sizeof text, "%.0f", value);
    else
        std::snprintf(text, sizeof text, "%#.4g", value);
    std::string out = text;
    if (!out.empty() && out.back() == '.') out.pop_back();
    return out + " Hz";
}

std::string ms(double s)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3g ms", s * 1000.0);
    return text;
}

std::string percent(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f%%", value);
    return text;
}

std::string changes(std::size_t edges)
{
    if (edges == 0) return "no level change";
    return std::to_string(edges) + (edges == 1 ? " level change" : " level changes");
}

std::string expected_text(const suite::ExpectBlinkStep& step)
{
    if (step.max_frequency_hz) return "at most " + number(*step.max_frequency_hz) + " Hz, or steady";
    std::string text = number(step.frequency_hz) + " Hz ±" + number(step.tolerance_percent) + "%";
    if (step.duty_percent)
        text += ", duty " + number(*step.duty_percent) + "% ±" + number(step.duty_tolerance_percent);
    return text;
}

std::string measured_text(const BlinkMeasurement& m, bool with_duty)
{
    if (!m.frequency_hz) {
        if (m.edges == 0) return "no change";
        return m.edges == 1 ? "1 change" : std::to_string(m.edges) + " changes, no whole period";
    }
    std::string text = hz(*m.frequency_hz);
    if (with_duty && m.duty_percent) text += ", duty " + percent(*m.duty_percent);
    return text;
}

// Who read the pin, in the messages.
std::string sampler_name(const suite::ExpectBlinkStep& step)
{
    return step.sampler == suite::ExpectBlinkStep::Sampler::LogicAnalyser ? "the logic analyser" : "the probe";
}

std::string samples_apart(const suite::ExpectBlinkStep& step, const BlinkMeasurement& m)
{
    return sampler_name(step) + " read the pin every " + ms(seconds(m.mean_interval)) + " on average, at most " +
           ms(seconds(m.longest_interval)) + " apart";
}

}  // namespace

double shortest_acceptable_level_s(const suite::ExpectBlinkStep& step)
{
    if (step.max_frequency_hz) return 0.5 / *step.max_frequency_hz;
    const double fastest = step.frequency_hz * (1.0 + step.tolerance_percent / 100.0);
    if (!step.duty_percent) return 0.5 / fastest;  // a 50 % blink, unless the step says otherwise
    const double low = std::max(0.0, *step.duty_percent - step.duty_tolerance_percent) / 100.0;
    const double high = std::min(100.0, *step.duty_percent + step.duty_tolerance_percent) / 100.0;
    return std::min(low, 1.0 - high) / fastest;
}

BlinkVerdict judge_blink(const suite::ExpectBlinkStep& step, const BlinkMeasurement& m)
{
    BlinkVerdict v;
    const std::string pin = step.pin.to_string();
    v.expected = expected_text(step);
    v.measured = measured_text(m, step.duty_percent.has_value());

    // 1. Every level an acceptable blink can have must be seen by two samples, wherever it falls.
    const double needed = shortest_acceptable_level_s(step);
    const double resolved = seconds(m.resolution);
    if (m.samples < 3 || !(resolved <= needed)) {
        v.outcome = Outcome::NotMeasurable;
        v.measured = "not measurable";
        if (m.samples < 3) {
            v.message = "only " + std::to_string(m.samples) + " sample(s) of " + pin + " in the window";
            v.remedy = "use a longer window_ms";
            return v;
        }
        v.message = sampler_name(step) + "'s samples of " + pin + " were up to " + ms(seconds(m.longest_interval)) +
                    " apart (" + ms(seconds(m.mean_interval)) + " on average), so they resolve levels of " +
                    ms(resolved) + " and longer (a 50 % blink up to " + hz(m.max_measurable_hz) + "); " +
                    v.expected + " has levels as short as " + ms(needed);
        const bool stalled = m.longest_interval > 3 * m.mean_interval;
        v.remedy =
            stalled ? "the USB link stalled or this machine was busy: run the step again; if it persists, "
                      "check the cable, the hub and the machine's load"
                    : "this probe cannot read the pin fast enough for this blink: a level needs two samples, "
                      "about " +
                          ms(2.0 * seconds(m.mean_interval)) + " here";
        return v;
    }

    // 2. Faster than the samples follow: whatever the expectation, never a pass.
    const std::optional<double> fastest_period_hz =
        m.shortest_period ? std::optional<double>(1.0 / seconds(*m.shortest_period)) : std::nullopt;
    const std::optional<double> fastest = step.max_frequency_hz ? fastest_period_hz : m.frequency_hz;
    if (m.single_sample_levels > 0 || (fastest && *fastest > m.max_measurable_hz)) {
        v.outcome = Outcome::Failed;
        v.measured = "changes faster than the sampler follows";
        const std::string evidence =
            m.single_sample_levels > 0
                ? std::to_string(m.single_sample_levels) +
                      (m.single_sample_levels == 1 ? " level was" : " levels were") +
                      " seen by a single sample (one lasted less than " +
                      ms(seconds(m.shortest_single_sample_bound)) + ")"
                : "its edges give " + hz(*fastest) + ", more than the samples can follow";
        v.message = pin + " changes faster than the sampler can see at " +
                    (step.sampler == suite::ExpectBlinkStep::Sampler::LogicAnalyser ? "the logic analyser's"
                                                                                     : "this probe's") +
                    " rate: " + evidence + "; " + samples_apart(step, m) + ", so this measurement sees blinks up to " +
                    hz(m.max_measurable_hz) + "; expected " + v.expected;
        return v;
    }

    // 3. The expectation.
    if (step.max_frequency_hz) {
        // Steady, one change or one pulse has no period; and the window is long enough that any
        // faster periodic blink would have shown two whole periods.
        if (!fastest_period_hz) return v;
        v.measured =
            hz(*fastest_period_hz) + " (its shortest period, " + ms(seconds(*m.shortest_period)) + ")";
        if (*fastest_period_hz > *step.max_frequency_hz) {
            v.outcome = Outcome::Failed;
            v.message = pin + " blinks at " + v.measured + ", expected " + v.expected;
        }
        return v;
    }
    if (!m.frequency_hz) {
        v.outcome = Outcome::Failed;
        v.message = pin + " did not blink: " + changes(m.edges) + " in " +
                    std::to_string(step.window.count()) + " ms (a whole period takes three), expected " +
                    v.expected;
        return v;
    }
    // Edges that do not fit one steady blink. Either the firmware does not blink steadily, or a
    // level went unseen between two samples — shorter than those samples' spacing, so shorter
    // than any acceptable level (1.): not the expected blink either way.
    const double period = 1.0 / *m.frequency_hz;
    if (m.worst_misfit && seconds(*m.worst_misfit) > period / 4) {
        v.outcome = Outcome::Failed;
        v.measured = "irregular";
        v.message = pin + " does not blink steadily: an edge lies " + ms(seconds(*m.worst_misfit)) +
                    " off the best-fitting steady " + hz(*m.frequency_hz) + " blink";
        if (m.shortest_level && m.longest_interval * 2 >= *m.shortest_level)
            v.message += " (or a level shorter than " + ms(seconds(m.longest_interval)) +
                         " fell between two samples, which no acceptable blink has)";
        v.message += ", expected " + v.expected;
        return v;
    }
    const double deviation = std::abs(*m.frequency_hz - step.frequency_hz) / step.frequency_hz * 100.0;
    if (deviation > step.tolerance_percent) {
        v.outcome = Outcome::Failed;
        v.message = pin + " blinks at " + hz(*m.frequency_hz) + ", expected " + v.expected;
        return v;
    }
    if (step.duty_percent && std::abs(*m.duty_percent - *step.duty_percent) > step.duty_tolerance_percent) {
        v.outcome = Outcome::Failed;
        v.message = pin + " is high " + percent(*m.duty_percent) + " of the period, expected " + v.expected;
    }
    return v;
}

}  // namespace hiltest::session
