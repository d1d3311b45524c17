#pragma once
// Turns samples of a pin, read through the probe while the firmware runs, into what a blink
// check needs: frequency and duty cycle from the edge times, how precisely the samples pin them
// down, and whether the pin changes faster than the samples can follow. Works the same for the
// real and the simulated board: only the samples differ.
#include <chrono>
#include <cstddef>
#include <optional>
#include <vector>

namespace hiltest::session {

using Nanoseconds = std::chrono::nanoseconds;

struct PinSample {
    Nanoseconds time{0};  // when the probe read the pin, since the measurement started
    bool level = false;
    // Right after the previous sample the core was halted this long (the debugger serviced a
    // semihosting call): the firmware could not change the pin then.
    Nanoseconds frozen_before{0};
};

// A level change. It happened somewhere in the time the firmware ran between two samples:
// `time` is the middle of that stretch, `uncertainty` half its length.
struct PinEdge {
    Nanoseconds time{0};
    Nanoseconds uncertainty{0};
    bool rising = false;
};

struct BlinkMeasurement {
    std::size_t samples = 0;
    std::size_t edges = 0;
    Nanoseconds mean_interval{0};  // between two samples, time the core was halted left out
    Nanoseconds longest_interval{0};
    // The longest stretch two consecutive intervals span: a level at least this long is seen by
    // two samples wherever it falls. 0 below three samples.
    Nanoseconds resolution{0};
    // The fastest 50 % blink all of whose levels are that long: 1 / (2 × resolution).
    double max_measurable_hz = 0;
    // Levels seen by a single sample between two changes: the pin changed twice within two
    // sample intervals, faster than the samples follow. Such a level lasted less than
    // `shortest_single_sample_bound` (the running time from the sample before it to the one after).
    std::size_t single_sample_levels = 0;
    Nanoseconds shortest_single_sample_bound{0};
    // From three edges (one whole period) on. A weighted least-squares fit of a steady blink
    // (one period, one time high) to all edges, both kinds; an edge counts by how precisely its
    // interval places it, so an edge in a stall barely moves the result.
    std::optional<double> frequency_hz;
    // Worst case: every edge at the far end of its interval, in the direction that moves the
    // frequency most. It holds however the sampling instants fall.
    std::optional<double> frequency_error_bound_hz;
    std::optional<double> duty_percent;  // time high / period
    // How far the edge farthest from the fitted blink lies outside its own interval: near 0 for
    // a steady blink; a sizeable part of a period when edges were missed or the blink is irregular.
    std::optional<Nanoseconds> worst_misfit;
    // Edge to edge of the same kind, the shortest whole period; and the shortest level.
    std::optional<Nanoseconds> shortest_period;
    std::optional<Nanoseconds> shortest_level;  // from two edges on
};

// Takes the samples one at a time, in time order, and keeps only the edges.
class BlinkAnalyser {
public:
    void add(const PinSample& sample);
    BlinkMeasurement result() const;
    const std::vector<PinEdge>& edges() const { return edges_; }

private:
    std::size_t samples_ = 0;
    PinSample last_;
    Nanoseconds interval_sum_{0};
    Nanoseconds longest_{0};
    Nanoseconds previous_interval_{0};
    Nanoseconds longest_pair_{0};
    std::size_t run_samples_ = 0;       // samples in the level seen last, so far
    Nanoseconds interval_into_run_{0};  // running time of the interval holding the edge that began it
    std::size_t single_sample_levels_ = 0;
    Nanoseconds shortest_single_bound_{0};
    std::vector<PinEdge> edges_;
};

BlinkMeasurement analyse_blink(const std::vector<PinSample>& samples);

}  // namespace hiltest::session
