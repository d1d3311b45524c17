#pragma once
// The ARMv7-M halting debug registers (DHCSR, DCRSR, DCRDR, DEMCR, DFSR), as docs/chip-facts.md
// ("Core debug") writes them up. One definition for both sides of the debug link: the probe
// driver writes and reads them over SWD, the simulated core implements them.
#include <cstdint>

namespace hiltest::armv7m {

// Where the registers are, in the System Control Block.
inline constexpr uint32_t kDfsrAddress = 0xE000ED30, kDhcsrAddress = 0xE000EDF0, kDcrsrAddress = 0xE000EDF4,
                          kDcrdrAddress = 0xE000EDF8, kDemcrAddress = 0xE000EDFC;

// DHCSR: control bits (written with the key in [31:16]) and status bits (read only).
namespace dhcsr {
inline constexpr uint32_t kKey = 0xA05F0000;
inline constexpr uint32_t kKeyMask = 0xFFFF0000;
inline constexpr uint32_t kDebugEn = 1u << 0;
inline constexpr uint32_t kHalt = 1u << 1;
inline constexpr uint32_t kStep = 1u << 2;
inline constexpr uint32_t kMaskInts = 1u << 3;
inline constexpr uint32_t kSnapStall = 1u << 5;
inline constexpr uint32_t kRegReady = 1u << 16;
inline constexpr uint32_t kHalted = 1u << 17;
inline constexpr uint32_t kSleeping = 1u << 18;
inline constexpr uint32_t kLockup = 1u << 19;
inline constexpr uint32_t kRetired = 1u << 24;    // S_RETIRE_ST, sticky
inline constexpr uint32_t kResetSeen = 1u << 25;  // S_RESET_ST, sticky
}  // namespace dhcsr

// DCRSR: which core register a DCRDR transfer moves, and in which direction.
namespace dcrsr {
inline constexpr uint32_t kRegSelMask = 0x7F;
inline constexpr uint32_t kWrite = 1u << 16;  // REGWnR: DCRDR to the register
}  // namespace dcrsr

// DEMCR: vector catches and the trace enable.
namespace demcr {
inline constexpr uint32_t kVcCoreReset = 1u << 0;
inline constexpr uint32_t kVcMmErr = 1u << 4;
inline constexpr uint32_t kVcNocpErr = 1u << 5;
inline constexpr uint32_t kVcChkErr = 1u << 6;
inline constexpr uint32_t kVcStatErr = 1u << 7;
inline constexpr uint32_t kVcBusErr = 1u << 8;
inline constexpr uint32_t kVcIntErr = 1u << 9;
inline constexpr uint32_t kVcHardErr = 1u << 10;
inline constexpr uint32_t kTrcEna = 1u << 24;
}  // namespace demcr

// DFSR: why the core entered Debug state; write 1 to clear.
namespace dfsr {
inline constexpr uint32_t kHalted = 1u << 0;
inline constexpr uint32_t kBkpt = 1u << 1;
inline constexpr uint32_t kDwtTrap = 1u << 2;
inline constexpr uint32_t kVcatch = 1u << 3;
inline constexpr uint32_t kExternal = 1u << 4;
inline constexpr uint32_t kAll = 0x1F;
}  // namespace dfsr

// DCRSR REGSEL numbers (the ST-Link's READREG/WRITEREG use the same).
enum class CoreRegister : unsigned {
    R0 = 0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12,
    SP = 13, LR = 14, PC = 15, XPSR = 16, MSP = 17, PSP = 18, Special = 20,
};

}  // namespace hiltest::armv7m
