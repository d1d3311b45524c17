#pragma once
#include "probe/base/error.hpp"
#include "runner/cli/commands.hpp"

namespace hiltest::cli {

// The documented exit code for a failure of this kind.
int exit_code_for(ErrorKind kind);

}  // namespace hiltest::cli
