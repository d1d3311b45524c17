#pragma once
// SWD clock choices on a V2 ST-Link: SWD_SET_FREQ takes a divisor from a fixed table
// (docs/chip-facts.md, "SWD clock divisors"). A request rounds down to the nearest listed speed.
#include <cstdint>
#include <optional>
#include <span>

namespace hiltest::probe::stlink {

struct SwdSpeed {
    uint32_t khz;
    uint16_t divisor;
};

// Fastest first.
std::span<const SwdSpeed> swd_speed_table();

// The fastest listed speed not above `khz` (the slowest entry when `khz` is below all).
SwdSpeed swd_speed_at_most(uint32_t khz);

// The next listed speed slower than `khz`, if any: the fallback when a speed is refused.
std::optional<SwdSpeed> swd_speed_below(uint32_t khz);

}  // namespace hiltest::probe::stlink
