#include "probe/stlink/stlink_status.hpp"

#include "probe/base/hex.hpp"

namespace hiltest::probe::stlink {
namespace {

constexpr std::string_view kNotRespondingRemedy =
    "check wiring (SWDIO, SWCLK, GND), that the board is powered, and the SWD clock; "
    "if the firmware remaps the SWD pins or sleeps, connect under reset (--connect under-reset)";

}  // namespace

std::string_view status_name(uint8_t code)
{
    using namespace status;
    switch (code) {
    case kOk: return "OK";
    case kFault: return "FAULT";
    case kUnknownError: return "UNKNOWN_ERROR";
    case 0x02: return "SPI_ERROR";
    case 0x03: return "DMA_ERROR";
    case 0x04: return "UNKNOWN_JTAG_CHAIN";
    case kNoDeviceConnected: return "NO_DEVICE_CONNECTED";
    case 0x06: return "INTERNAL_ERROR";
    case 0x07: return "CMD_WAIT";
    case 0x08: return "CMD_ERROR";
    case kGetIdcodeError: return "GET_IDCODE_ERROR";
    case kAlignmentError: return "ALIGNMENT_ERROR";
    case kDebugPowerError: return "DBG_POWER_ERROR";
    case kWriteError: return "WRITE_ERROR";
    case kWriteVerifyError: return "WRITE_VERIF_ERROR";
    case kAlreadyOpenedInOtherMode: return "ALREADY_OPENED_IN_OTHER_MODE";
    case kApWait: return "SWD_AP_WAIT";
    case kApFault: return "SWD_AP_FAULT";
    case kApError: return "SWD_AP_ERROR";
    case kApParityError: return "SWD_AP_PARITY_ERROR";
    case kDpWait: return "SWD_DP_WAIT";
    case kDpFault: return "SWD_DP_FAULT";
    case kDpError: return "SWD_DP_ERROR";
    case kDpParityError: return "SWD_DP_PARITY_ERROR";
    case kApWdataError: return "SWD_AP_WDATA_ERROR";
    case kApStickyError: return "SWD_AP_STICKY_ERROR";
    case kApStickyOrunError: return "SWD_AP_STICKYORUN_ERROR";
    case kBadAp: return "BAD_AP";
    case kSwvNotAvailable: return "SWV_NOT_AVAILABLE";
    case kConfigChanged: return "CONFIG_CHANGED";
    case kFrequencyNotSupported: return "FREQUENCY_NOT_SUPPORTED";
    case kUnknownCommand: return "UNKNOWN_COMMAND";
    default: return "UNKNOWN_STATUS";
    }
}

bool is_wait(uint8_t code) { return code == status::kApWait || code == status::kDpWait || code == 0x07; }

bool is_transient(uint8_t code)
{
    // WDATAERR is the target's side of a parity error: it saw corrupted write data.
    return code == status::kApParityError || code == status::kDpParityError || code == status::kApWdataError;
}

std::optional<Error> status_error(uint8_t code, std::string_view operation)
{
    using namespace status;
    if (code == kOk || code == kWriteVerifyError) return std::nullopt;
    const std::string what = std::string(operation) + " failed: the ST-Link reports " +
                             std::string(status_name(code)) + " (" + hex(code, 2) + ")";
    switch (code) {
    case kFault:
    case kUnknownError:
    case kApFault:
    case kDpFault:
    case kApStickyError:
    case kApStickyOrunError:
    case kWriteError:
    case kAlignmentError:
    case kBadAp:
        return Error(ErrorKind::TargetFault,
                     what + ": the target refused the access (unmapped address, bus error, "
                            "or a peripheral whose clock is off)",
                     "check the address and access width; enable the peripheral's clock first");
    case kNoDeviceConnected:
    case kGetIdcodeError:
    case kDebugPowerError:
    case kDpError:
    case kApError:
    case kApWait:
    case kDpWait:
    case 0x07:
        return Error(ErrorKind::TargetNotResponding,
                     what + ": the target's debug port does not answer (SWD pins remapped by "
                            "firmware, core in deep sleep, no power, wiring, or wrong target)",
                     std::string(kNotRespondingRemedy));
    case kApParityError:
    case kDpParityError:
    case kApWdataError:
        return Error(ErrorKind::TargetNotResponding,
                     what + ": the SWD data arrived corrupted (noise on the SWD lines)",
                     "use shorter SWD wires, a common ground, or a slower SWD clock");
    case kUnknownCommand:
        return Error(ErrorKind::ProbeFirmware, what + ": the ST-Link firmware lacks this command",
                     "update the ST-Link firmware with STM32CubeProgrammer or ST-LinkUpgrade");
    case kAlreadyOpenedInOtherMode:
        return Error(ErrorKind::ProbeProtocol, what + ": the ST-Link is in another mode",
                     "close other debugger programs and re-plug the ST-Link");
    default:
        return Error(ErrorKind::ProbeProtocol, what,
                     "re-plug the ST-Link; if it persists update its firmware");
    }
}

}  // namespace hiltest::probe::stlink
