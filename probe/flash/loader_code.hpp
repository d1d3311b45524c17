#pragma once
// The STM32F1 RAM loader's machine code (probe/flash/loader/stm32f1_loader.c), compiled with
// arm-none-eabi-gcc at build time and embedded here. Empty when the build had no ARM
// toolchain: the programmer then uses direct half-word writes through the debug port.
#include <cstdint>
#include <span>

namespace hiltest::probe::flash {

std::span<const uint8_t> stm32f1_loader_code();

}  // namespace hiltest::probe::flash
