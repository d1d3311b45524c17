#pragma once
// Turns samples of a pin, taken through the probe while the firmware runs, into a blink
// frequency. Works the same for the real and the simulated board: only the samples differ.
#include <chrono>
#include <optional>
#include <vector>

namespace hiltest::runner {

struct PinSample {
    std::chrono::nanoseconds time{0};
    bool level = false;
};

struct BlinkMeasurement {
    std::size_t samples = 0;
    std::size_t edges = 0;                  // level changes seen
    std::optional<double> frequency_hz;     // needs at least two edges
    std::optional<double> duty_high;        // share of the time between first and last edge spent high
    std::chrono::nanoseconds longest_gap{0};  // largest time between two samples (resolution)
};

BlinkMeasurement analyse_blink(const std::vector<PinSample>& samples);

}  // namespace hiltest::runner
