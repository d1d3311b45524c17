#include "runner/cli/exit_code.hpp"

namespace hiltest::cli {

int exit_code_for(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::AssertionFailed:
    case ErrorKind::VerifyMismatch:
        return kExitTestFailed;
    case ErrorKind::Usage:
    case ErrorKind::SuiteInvalid:
    case ErrorKind::ImageFormat:
        return kExitUsage;
    default:
        return kExitInfrastructure;
    }
}

}  // namespace hiltest::cli
