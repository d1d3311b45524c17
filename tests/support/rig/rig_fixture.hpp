#pragma once
// The driver tests' simulated rig (fixtures/bluepill/rig): a simulated Blue Pill behind the
// virtual ST-Link/V2, its Transport and a Clock whose waits advance the board (nothing sleeps).
// The tests start from the rig's defaults with blink_delay in flash, and say what else they need.
#include <stdexcept>
#include <string>

#include "fixtures/bluepill/rig/rig.hpp"
#include "image/image_file.hpp"
#include "tests/support/firmware_paths.hpp"

namespace hiltest::testing {

// A fixture firmware (fixtures/firmware) as the rig takes it.
inline image::Image fixture_image(const std::string& name)
{
    return image::load_image(firmware_elf(name));
}

inline uint32_t firmware_symbol(const std::string& firmware, const std::string& symbol)
{
    const image::Image image = fixture_image(firmware);
    const image::Symbol* found = image.find_symbol(symbol);
    if (!found) throw std::runtime_error("no symbol " + symbol + " in " + firmware);
    return found->address;
}

inline sim::RigConfig rig_config(const std::string& firmware = "blink_delay")
{
    sim::RigConfig config;
    config.firmware = fixture_image(firmware);
    return config;
}


}  // namespace hiltest::testing
