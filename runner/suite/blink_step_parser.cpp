#include "runner/suite/blink_step_parser.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "runner/suite/step_parser.hpp"

namespace hiltest::suite {
namespace {

// 5, 0.5, 250: as a suite writes numbers.
std::string shown(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

double parse_frequency(const Node& node, ExpectBlinkStep::Sampler sampler)
{
    const double value = node.as_positive_number();
    if (sampler == ExpectBlinkStep::Sampler::LogicAnalyser) {
        if (value > kMaxLogicAnalyserBlinkHz) {
            node.fail_expected("a frequency up to " + shown(kMaxLogicAnalyserBlinkHz) +
                               " Hz (the simulated board's logic analyser samples at 1 MS/s)");
        }
    } else if (value > kMaxBlinkHz) {
        node.fail_expected(
            "a frequency up to " + shown(kMaxBlinkHz) +
            " Hz (the probe reads the pin about once a millisecond, and each level must be seen "
            "by two reads; on the simulated board, \"sampler\": \"logic_analyser\" sees up to " +
            shown(kMaxLogicAnalyserBlinkHz) + " Hz)");
    }
    return value;
}

// Keys that only the frequency_hz form takes.
void reject_with_max_frequency(const ObjectNode& o)
{
    for (std::string_view key : {"tolerance_percent", "duty_percent", "duty_tolerance_percent"}) {
        if (auto node = o.get(key)) {
            node->fail("\"" + std::string(key) + "\" applies only together with \"frequency_hz\"; " +
                       "\"max_frequency_hz\" is a limit, not a blink to measure against");
        }
    }
}

void parse_duty(const ObjectNode& o, ExpectBlinkStep& step)
{
    const auto duty = o.get("duty_percent");
    const auto tolerance = o.get("duty_tolerance_percent");
    if (!duty) {
        if (tolerance)
            tolerance->fail("\"duty_tolerance_percent\" applies only together with \"duty_percent\"");
        return;
    }
    const double value = duty->as_number_in(0, 100);
    if (!(value > 0 && value < 100)) {
        duty->fail_expected(
            "a duty cycle above 0 and below 100 (the percentage of the period the pin is high)");
    }
    step.duty_percent = value;
    if (tolerance) {
        step.duty_tolerance_percent = tolerance->as_number_in(0, 100);
        if (!(value - step.duty_tolerance_percent > 0 && value + step.duty_tolerance_percent < 100)) {
            tolerance->fail("duty " + shown(value) + "% ±" + shown(step.duty_tolerance_percent) +
                            " reaches 0% or 100%, a pin that does not blink; use a smaller tolerance");
        }
    }
}

}  // namespace

ExpectBlinkStep parse_expect_blink(const ObjectNode& o, const Defaults& defaults,
                                   Milliseconds& inherent_duration)
{
    ExpectBlinkStep step;
    const Node pin = o.require("pin");
    step.pin =
        parse_pin_name(pin.as_nonempty_string(), [&](const std::string& message) { pin.fail(message); });
    if (auto sampler = o.get("sampler")) {
        if (sampler->as_choice({"probe", "logic_analyser"}) == "logic_analyser")
            step.sampler = ExpectBlinkStep::Sampler::LogicAnalyser;
    }

    const std::string_view form = o.require_one_of({"frequency_hz", "max_frequency_hz"});
    const Node frequency = o.require(form);
    double period_ms = 0;
    std::int64_t shortest_window = 0;
    std::string too_short;  // what a shorter window could not show
    if (form == "max_frequency_hz") {
        reject_with_max_frequency(o);
        step.max_frequency_hz = parse_frequency(frequency, step.sampler);
        period_ms = 1000.0 / *step.max_frequency_hz;
        // Any periodic blink faster than the limit changes level four times in two of its periods.
        shortest_window = static_cast<std::int64_t>(std::ceil(2 * period_ms));
        too_short = "tell a steady pin from a blink just above " + frequency.json().dump() + " Hz";
    } else {
        step.frequency_hz = parse_frequency(frequency, step.sampler);
        step.tolerance_percent = defaults.blink_tolerance_percent;
        if (auto tolerance = o.get("tolerance_percent")) {
            step.tolerance_percent = tolerance->as_number_in(0, 100);
        }
        parse_duty(o, step);
        period_ms = 1000.0 / step.frequency_hz;
        // A whole period, edge to edge, wherever the window starts: one period and its longer level.
        const double duty = step.duty_percent.value_or(50.0) / 100.0;
        shortest_window =
            static_cast<std::int64_t>(std::ceil(period_ms * (1.0 + std::max(duty, 1.0 - duty))));
        too_short = "show three level changes (a whole period) of a " + frequency.json().dump() + " Hz blink";
    }
    // Four periods give several of each edge to fit; a second at least.
    step.window = Milliseconds(static_cast<std::int64_t>(std::ceil(std::max(1000.0, 4 * period_ms))));
    if (auto window = o.get("window_ms")) {
        step.window = window->as_milliseconds(1);
        if (step.window.count() < shortest_window) {
            window->fail("a window of " + std::to_string(step.window.count()) + " ms cannot " + too_short +
                         "; use at least " + std::to_string(shortest_window) + " ms (4 periods recommended)");
        }
    }
    inherent_duration = step.window;
    return step;
}

}  // namespace hiltest::suite
