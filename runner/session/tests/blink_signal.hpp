#pragma once
// Synthetic pin samples for the blink tests: a signal (a level at each instant) read by a model
// of the expect_blink sampler — one probe round trip per read, the seeded 0–100 µs wait before
// each, a wait of up to a round trip every 4–12 reads, a halt check (a second round trip) every
// 16 reads — or by a plain periodic sampler.
#include <chrono>
#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "runner/session/blink_analysis.hpp"

namespace hiltest::session::testing {

using namespace std::chrono_literals;

using Signal = std::function<bool(double seconds)>;

// High for `duty` of each period, starting `phase_s` into a period at t = 0.
inline Signal square_wave(double frequency_hz, double duty = 0.5, double phase_s = 0.0)
{
    return [=](double t) {
        const double cycles = (t + phase_s) * frequency_hz;
        return cycles - std::floor(cycles) < duty;
    };
}

inline Signal steady(bool level)
{
    return [=](double) { return level; };
}

struct SamplerModel {
    Nanoseconds round_trip = 1080us;  // the virtual ST-Link's: 1 ms of USB plus the SWD packets
    bool jittered = true;             // false: one read every round trip, nothing else
    std::uint64_t seed = 1;
};

inline double seconds_of(Nanoseconds t)
{
    return std::chrono::duration<double>(t).count();
}

inline std::vector<PinSample> sample(const Signal& signal, Nanoseconds window, SamplerModel model = {})
{
    std::mt19937_64 random(model.seed);
    const auto below = [&](Nanoseconds limit) {
        return Nanoseconds(
            static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(limit.count() + 1)));
    };
    std::vector<PinSample> samples;
    Nanoseconds t{0};
    unsigned until_check = 16;
    unsigned until_reshuffle = 8;
    bool lengthened = false;
    while (t < window) {
        const Nanoseconds at = t + model.round_trip / 2;
        samples.push_back({at, signal(seconds_of(at))});
        t += model.round_trip;
        if (!model.jittered) continue;
        if (until_check > 0) --until_check;
        if (until_reshuffle > 0) --until_reshuffle;
        const bool check = !lengthened && until_check == 0;
        const bool reshuffle = !lengthened && !check && until_reshuffle == 0;
        if (check) {
            t += model.round_trip;
            until_check = 8 + static_cast<unsigned>(random() % 17);
        }
        if (reshuffle) {
            t += below(model.round_trip);
            until_reshuffle = 4 + static_cast<unsigned>(random() % 9);
        }
        lengthened = check || reshuffle;
        t += below(100us);
    }
    return samples;
}

}  // namespace hiltest::session::testing
