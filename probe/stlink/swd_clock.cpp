#include "probe/stlink/swd_clock.hpp"

#include <array>

namespace hiltest::probe::stlink {
namespace {

constexpr std::array kSpeeds{
    SwdSpeed{4000, 0}, SwdSpeed{1800, 1}, SwdSpeed{1200, 2}, SwdSpeed{950, 3},
    SwdSpeed{480, 7},  SwdSpeed{240, 15}, SwdSpeed{125, 31}, SwdSpeed{100, 40},
    SwdSpeed{50, 79},  SwdSpeed{25, 158}, SwdSpeed{15, 265}, SwdSpeed{5, 798},
};

}  // namespace

std::span<const SwdSpeed> swd_speed_table() { return kSpeeds; }

SwdSpeed swd_speed_at_most(uint32_t khz)
{
    for (const auto& speed : kSpeeds) {
        if (speed.khz <= khz) return speed;
    }
    return kSpeeds.back();
}

std::optional<SwdSpeed> swd_speed_below(uint32_t khz)
{
    for (const auto& speed : kSpeeds) {
        if (speed.khz < khz) return speed;
    }
    return std::nullopt;
}

}  // namespace hiltest::probe::stlink
