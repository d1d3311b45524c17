#include "runner/session/blink_analysis.hpp"

namespace hiltest::runner {

BlinkMeasurement analyse_blink(const std::vector<PinSample>& samples)
{
    BlinkMeasurement m;
    m.samples = samples.size();
    std::vector<std::size_t> edge_index;  // sample index just after each change
    for (std::size_t i = 1; i < samples.size(); ++i) {
        m.longest_gap = std::max(m.longest_gap, samples[i].time - samples[i - 1].time);
        if (samples[i].level != samples[i - 1].level) edge_index.push_back(i);
    }
    m.edges = edge_index.size();
    if (edge_index.size() < 2) return m;

    // A change happened somewhere between two samples: take the midpoint.
    auto edge_time = [&](std::size_t i) { return samples[i - 1].time + (samples[i].time - samples[i - 1].time) / 2; };
    const auto first = edge_time(edge_index.front());
    const auto last = edge_time(edge_index.back());
    const double span_s = std::chrono::duration<double>(last - first).count();
    if (span_s <= 0) return m;
    m.frequency_hz = static_cast<double>(edge_index.size() - 1) / (2.0 * span_s);  // two edges per period

    // Duty cycle over whole periods (an even number of half periods) from the first edge.
    const std::size_t half_periods = (edge_index.size() - 1) / 2 * 2;
    if (half_periods == 0) return m;
    std::chrono::nanoseconds high{0};
    for (std::size_t k = 0; k < half_periods; ++k)
        if (samples[edge_index[k]].level) high += edge_time(edge_index[k + 1]) - edge_time(edge_index[k]);
    m.duty_high = std::chrono::duration<double>(high).count() /
                  std::chrono::duration<double>(edge_time(edge_index[half_periods]) - first).count();
    return m;
}

}  // namespace hiltest::runner
