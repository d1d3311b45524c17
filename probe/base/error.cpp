#include "probe/base/error.hpp"

namespace hiltest {

std::string_view to_string(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::ProbeNotFound: return "probe-not-found";
    case ErrorKind::Permission: return "permission";
    case ErrorKind::UsbIo: return "usb-io";
    case ErrorKind::UsbTimeout: return "usb-timeout";
    case ErrorKind::UsbGone: return "usb-gone";
    case ErrorKind::ProbeProtocol: return "probe-protocol";
    case ErrorKind::ProbeFirmware: return "probe-firmware";
    case ErrorKind::TargetNotResponding: return "target-not-responding";
    case ErrorKind::TargetFault: return "target-fault";
    case ErrorKind::LinkNoise: return "link-noise";
    case ErrorKind::WrongTarget: return "wrong-target";
    case ErrorKind::TargetReset: return "target-reset";
    case ErrorKind::LowVoltage: return "low-voltage";
    case ErrorKind::FlashProtected: return "flash-protected";
    case ErrorKind::ProgramError: return "program-error";
    case ErrorKind::VerifyMismatch: return "verify-mismatch";
    case ErrorKind::ImageFormat: return "image-format";
    case ErrorKind::SuiteInvalid: return "suite-invalid";
    case ErrorKind::AssertionFailed: return "assertion-failed";
    case ErrorKind::Timeout: return "timeout";
    case ErrorKind::HookFailed: return "hook-failed";
    case ErrorKind::SerialPort: return "serial-port";
    case ErrorKind::Interrupted: return "interrupted";
    case ErrorKind::Usage: return "usage";
    case ErrorKind::Internal: return "internal";
    }
    return "unknown";
}

std::optional<ErrorKind> error_kind_from_string(std::string_view text)
{
    for (int k = 0; k <= static_cast<int>(ErrorKind::Internal); ++k)
        if (to_string(static_cast<ErrorKind>(k)) == text) return static_cast<ErrorKind>(k);
    return std::nullopt;
}

}  // namespace hiltest
