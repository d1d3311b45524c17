#pragma once
// Every ST-Link status byte (docs/chip-facts.md, "Status codes") mapped to what it means for the
// user: an ErrorKind, a message and a remedy. WAIT codes are retried by the driver, never
// surfaced first time.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "probe/base/error.hpp"

namespace hiltest::probe::stlink {

namespace status {
inline constexpr uint8_t kOk = 0x80;
inline constexpr uint8_t kFault = 0x81;
inline constexpr uint8_t kUnknownError = 0x01;
inline constexpr uint8_t kNoDeviceConnected = 0x05;
inline constexpr uint8_t kGetIdcodeError = 0x09;
inline constexpr uint8_t kAlignmentError = 0x0A;
inline constexpr uint8_t kDebugPowerError = 0x0B;
inline constexpr uint8_t kWriteError = 0x0C;
inline constexpr uint8_t kWriteVerifyError = 0x0D;
inline constexpr uint8_t kAlreadyOpenedInOtherMode = 0x0E;
inline constexpr uint8_t kApWait = 0x10;
inline constexpr uint8_t kApFault = 0x11;
inline constexpr uint8_t kApError = 0x12;
inline constexpr uint8_t kApParityError = 0x13;
inline constexpr uint8_t kDpWait = 0x14;
inline constexpr uint8_t kDpFault = 0x15;
inline constexpr uint8_t kDpError = 0x16;
inline constexpr uint8_t kDpParityError = 0x17;
inline constexpr uint8_t kApWdataError = 0x18;
inline constexpr uint8_t kApStickyError = 0x19;
inline constexpr uint8_t kApStickyOrunError = 0x1A;
inline constexpr uint8_t kBadAp = 0x1D;
inline constexpr uint8_t kSwvNotAvailable = 0x20;
inline constexpr uint8_t kConfigChanged = 0x40;
inline constexpr uint8_t kFrequencyNotSupported = 0x41;
inline constexpr uint8_t kUnknownCommand = 0x42;
}  // namespace status

std::string_view status_name(uint8_t code);

// WAIT answers: the target was busy; the same request may succeed later.
bool is_wait(uint8_t code);

// A transient line error (parity) worth repeating the request for.
bool is_transient(uint8_t code);

// nullopt for codes that mean success (0x80, and 0x0D which OpenOCD too treats as OK).
// `operation` says what was being done, e.g. "reading 4 bytes at 0x20000000".
std::optional<Error> status_error(uint8_t code, std::string_view operation);

}  // namespace hiltest::probe::stlink
