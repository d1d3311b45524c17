// Built instead of the generated loader_code.cpp when no arm-none-eabi toolchain was found.
#include "probe/flash/loader_code.hpp"

namespace hiltest::probe::flash {

std::span<const uint8_t> stm32f1_loader_code() { return {}; }

}  // namespace hiltest::probe::flash
