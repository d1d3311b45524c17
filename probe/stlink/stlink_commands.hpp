#pragma once
// ST-Link/V2 command bytes (docs/chip-facts.md, "Commands hiltest uses"). Only what the driver sends.
#include <cstdint>

namespace hiltest::probe::stlink {

inline constexpr std::size_t kCommandSize = 16;

namespace cmd {
inline constexpr uint8_t kGetVersion = 0xF1;
inline constexpr uint8_t kDebug = 0xF2;
inline constexpr uint8_t kDfu = 0xF3;
inline constexpr uint8_t kSwim = 0xF4;
inline constexpr uint8_t kGetCurrentMode = 0xF5;
inline constexpr uint8_t kGetTargetVoltage = 0xF7;
inline constexpr uint8_t kGetVersionEx = 0xFB;
inline constexpr uint8_t kDfuExit = 0x07;
inline constexpr uint8_t kSwimExit = 0x01;
}  // namespace cmd

namespace dbg {
inline constexpr uint8_t kReadMem32 = 0x07;
inline constexpr uint8_t kWriteMem32 = 0x08;
inline constexpr uint8_t kReadMem8 = 0x0C;
inline constexpr uint8_t kWriteMem8 = 0x0D;
inline constexpr uint8_t kExit = 0x21;
inline constexpr uint8_t kReadCoreId = 0x22;
inline constexpr uint8_t kEnter = 0x30;
inline constexpr uint8_t kEnterSwd = 0xA3;
inline constexpr uint8_t kReadIdCodes = 0x31;
inline constexpr uint8_t kResetSys = 0x32;
inline constexpr uint8_t kReadReg = 0x33;
inline constexpr uint8_t kWriteReg = 0x34;
inline constexpr uint8_t kWriteDebugReg = 0x35;
inline constexpr uint8_t kReadDebugReg = 0x36;
inline constexpr uint8_t kGetLastRwStatus = 0x3B;
inline constexpr uint8_t kDriveNrst = 0x3C;
inline constexpr uint8_t kGetLastRwStatus2 = 0x3E;
inline constexpr uint8_t kSwdSetFreq = 0x43;
inline constexpr uint8_t kReadDapReg = 0x45;
inline constexpr uint8_t kWriteDapReg = 0x46;
inline constexpr uint8_t kReadMem16 = 0x47;
inline constexpr uint8_t kWriteMem16 = 0x48;
inline constexpr uint8_t kInitAp = 0x4B;
inline constexpr uint8_t kSetComFreq = 0x61;
}  // namespace dbg

enum class Mode : uint8_t { Dfu = 0x00, MassStorage = 0x01, Debug = 0x02, Swim = 0x03, Bootloader = 0x04 };

enum class NrstLevel : uint8_t { Low = 0x00, High = 0x01, Pulse = 0x02 };

inline constexpr uint16_t kDapPortDp = 0xFFFF;

}  // namespace hiltest::probe::stlink
