#include "runner/cli/exit_code.hpp"

#include <algorithm>

namespace hiltest::cli {
namespace {

// Where a code stands in kExitCodeMeanings; a code the table does not have ranks as infrastructure.
std::size_t urgency(int code)
{
    const auto rank = [](int wanted) {
        const auto found = std::find_if(kExitCodeMeanings.begin(), kExitCodeMeanings.end(),
                                        [wanted](const ExitCodeMeaning& row) { return row.code == wanted; });
        return static_cast<std::size_t>(found - kExitCodeMeanings.begin());
    };
    const std::size_t known = rank(code);
    return known < kExitCodeMeanings.size() ? known : rank(kExitInfrastructure);
}

}  // namespace

std::string exit_codes_sentence()
{
    constexpr std::size_t kWidth = 90;
    std::string text = "Exit codes:";
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < kExitCodeMeanings.size(); ++i) {
        const ExitCodeMeaning& row = kExitCodeMeanings[i];
        const std::string item = std::to_string(static_cast<int>(row.code)) + " " + std::string(row.meaning) +
                                 (i + 1 < kExitCodeMeanings.size() ? "," : ".");
        if (text.size() - line_start + 1 + item.size() > kWidth) {
            text += "\n";
            line_start = text.size();
        } else {
            text += " ";
        }
        text += item;
    }
    return text;
}

ExitCode exit_code_for(ErrorKind kind)
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
    case ErrorKind::SerialPort:
    case ErrorKind::Internal:
        break;
    }
    return kExitInfrastructure;
}

int most_urgent(int a, int b)
{
    return urgency(b) > urgency(a) ? b : a;
}

ExitCode exit_code_for(const reports::SuiteResult& run)
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
    return static_cast<ExitCode>(code);  // the most urgent of codes from the table
}

ExitCode exit_code_for(const std::vector<reports::SuiteResult>& runs)
{
    int code = kExitOk;
    for (const reports::SuiteResult& run : runs) code = most_urgent(code, exit_code_for(run));
    return static_cast<ExitCode>(code);
}

}  // namespace hiltest::cli
