#include "runner/cli/exit_code.hpp"

namespace hiltest::cli {

int exit_code_for(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::AssertionFailed:
        return kExitTestFailed;
    case ErrorKind::Usage:
    case ErrorKind::SuiteInvalid:
    case ErrorKind::ImageFormat:
        return kExitUsage;
    case ErrorKind::Interrupted:
        return kExitInterrupted;
    case ErrorKind::ProbeNotFound:
    case ErrorKind::Permission:
    case ErrorKind::UsbIo:
    case ErrorKind::UsbTimeout:
    case ErrorKind::UsbGone:
    case ErrorKind::ProbeProtocol:
    case ErrorKind::ProbeFirmware:
    case ErrorKind::TargetNotResponding:
    case ErrorKind::TargetFault:
    case ErrorKind::LinkNoise:
    case ErrorKind::WrongTarget:
    case ErrorKind::TargetReset:
    case ErrorKind::LowVoltage:
    case ErrorKind::FlashProtected:
    case ErrorKind::ProgramError:
    case ErrorKind::VerifyMismatch:  // worn flash or a noisy link: the bench, not the firmware
    case ErrorKind::Timeout:
    case ErrorKind::HookFailed:
    case ErrorKind::Internal:
        break;
    }
    return kExitInfrastructure;
}

int most_urgent(int a, int b)
{
    const auto rank = [](int code) {
        switch (code) {
        case kExitInterrupted: return 4;
        case kExitInfrastructure: return 3;
        case kExitUsage: return 2;
        case kExitTestFailed: return 1;
        default: return code == kExitOk ? 0 : 3;
        }
    };
    return rank(b) > rank(a) ? b : a;
}

int exit_code_for(const reports::SuiteResult& run)
{
    if (run.interrupted) return kExitInterrupted;
    int code = kExitOk;
    for (const reports::TestResult& test : run.tests) {
        switch (test.status) {
        case reports::Status::Failed: code = most_urgent(code, kExitTestFailed); break;
        case reports::Status::Interrupted: code = most_urgent(code, kExitInterrupted); break;
        case reports::Status::Error: {
            const std::optional<ErrorKind> kind = error_kind_from_string(test.error_kind);
            code = most_urgent(code, kind ? exit_code_for(*kind) : kExitInfrastructure);
            break;
        }
        case reports::Status::Passed:
        case reports::Status::Skipped: break;
        }
    }
    return code;
}

int exit_code_for(const std::vector<reports::SuiteResult>& runs)
{
    int code = kExitOk;
    for (const reports::SuiteResult& run : runs) code = most_urgent(code, exit_code_for(run));
    return code;
}

}  // namespace hiltest::cli
