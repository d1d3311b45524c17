#pragma once
// `hiltest sim run --i2c-device BUS:ADDR:KIND` (i2c1:0x50:24c02): a device on the simulated
// board's I2C bus, as a suite's simulated_board.i2c declares one; read with the command line.
#include <string_view>

#include "fixtures/bluepill/soc/i2c_device.hpp"

namespace hiltest::cli {

// Throws hiltest::Error (Usage) naming the spec and the syntax.
sim::I2cDeviceSpec parse_i2c_device_option(std::string_view spec);

}  // namespace hiltest::cli
