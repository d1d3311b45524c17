#pragma once
// Cortex-M3 debug and system registers hiltest touches (docs/chip-facts.md, "Core debug",
// "System control and SysTick", "Fault status", "DBGMCU and the SWD pins").
#include <cstdint>

namespace hiltest::probe::arm {

namespace addr {
// The fault status and address registers: arch/armv7m/fault_status.hpp.
inline constexpr uint32_t kCpuid = 0xE000ED00;
inline constexpr uint32_t kAircr = 0xE000ED0C;
inline constexpr uint32_t kDfsr = 0xE000ED30;
inline constexpr uint32_t kDhcsr = 0xE000EDF0;
inline constexpr uint32_t kDemcr = 0xE000EDFC;
inline constexpr uint32_t kFpCtrl = 0xE0002000;
inline constexpr uint32_t kFpComp0 = 0xE0002008;
inline constexpr uint32_t kDbgmcuIdcode = 0xE0042000;
inline constexpr uint32_t kDbgmcuCr = 0xE0042004;
}  // namespace addr

namespace dhcsr {
inline constexpr uint32_t kKey = 0xA05F0000;
inline constexpr uint32_t kDebugEn = 1u << 0;
inline constexpr uint32_t kHalt = 1u << 1;
inline constexpr uint32_t kStep = 1u << 2;
inline constexpr uint32_t kMaskInts = 1u << 3;
inline constexpr uint32_t kRegReady = 1u << 16;
inline constexpr uint32_t kHalted = 1u << 17;
inline constexpr uint32_t kSleeping = 1u << 18;
inline constexpr uint32_t kLockup = 1u << 19;
inline constexpr uint32_t kRetired = 1u << 24;
inline constexpr uint32_t kResetSeen = 1u << 25;
}  // namespace dhcsr

namespace demcr {
inline constexpr uint32_t kVcCoreReset = 1u << 0;
inline constexpr uint32_t kVcHardErr = 1u << 10;
inline constexpr uint32_t kTrcEna = 1u << 24;
}  // namespace demcr

namespace dfsr {
inline constexpr uint32_t kHalted = 1u << 0;
inline constexpr uint32_t kBkpt = 1u << 1;
inline constexpr uint32_t kDwtTrap = 1u << 2;
inline constexpr uint32_t kVcatch = 1u << 3;
inline constexpr uint32_t kExternal = 1u << 4;
inline constexpr uint32_t kAll = 0x1F;
}  // namespace dfsr

inline constexpr uint32_t kAircrSysResetReq = 0x05FA0004;
inline constexpr uint32_t kDbgmcuLowPowerDebug = 0x7;  // DBG_SLEEP | DBG_STOP | DBG_STANDBY

// DCRSR REGSEL numbers.
enum class CoreRegister : unsigned {
    R0 = 0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12,
    SP = 13, LR = 14, PC = 15, XPSR = 16, MSP = 17, PSP = 18, Special = 20,
};

}  // namespace hiltest::probe::arm
