#pragma once
// The ${name} variables of suite and bench files: ${firmware_dir} (the firmware fixtures built
// next to the hiltest binary) plus every --var NAME=VALUE of the command line.
#include <string>
#include <vector>

#include "runner/suite/parser.hpp"

namespace hiltest::cli {

// Throws hiltest::Error(Usage) for an assignment that is not NAME=VALUE.
suite::ParseOptions input_variables(const std::vector<std::string>& assignments);

}  // namespace hiltest::cli
