#pragma once
// Cortex-M3 system registers hiltest touches (docs/chip-facts.md, "System control and SysTick",
// "Fault status", "DBGMCU and the SWD pins"). The halting debug registers are the architecture's
// (arch/armv7m/debug_registers.hpp); the names here are the probe driver's short forms of them.
#include <cstdint>

#include "arch/armv7m/debug_registers.hpp"

namespace hiltest::probe::arm {

namespace addr {
// The fault status and address registers: arch/armv7m/fault_status.hpp.
inline constexpr uint32_t kCpuid = 0xE000ED00;
inline constexpr uint32_t kAircr = 0xE000ED0C;
inline constexpr uint32_t kDfsr = armv7m::kDfsrAddress;
inline constexpr uint32_t kDhcsr = armv7m::kDhcsrAddress;
inline constexpr uint32_t kDemcr = armv7m::kDemcrAddress;
inline constexpr uint32_t kFpCtrl = 0xE0002000;
inline constexpr uint32_t kFpComp0 = 0xE0002008;
inline constexpr uint32_t kDbgmcuIdcode = 0xE0042000;
inline constexpr uint32_t kDbgmcuCr = 0xE0042004;
}  // namespace addr

namespace dhcsr = armv7m::dhcsr;
namespace demcr = armv7m::demcr;
namespace dfsr = armv7m::dfsr;
using armv7m::CoreRegister;

inline constexpr uint32_t kAircrSysResetReq = 0x05FA0004;
inline constexpr uint32_t kDbgmcuLowPowerDebug = 0x7;  // DBG_SLEEP | DBG_STOP | DBG_STANDBY

}  // namespace hiltest::probe::arm
