#pragma once
// The ${name} variables of suite and bench files: ${firmware_dir} (the firmware fixtures built
// next to the hiltest binary) plus every --var NAME=VALUE of the command line.
#include <string>

#include <CLI/CLI.hpp>

#include "runner/suite/parser.hpp"

namespace hiltest::cli {

// Sets ${firmware_dir} in `parse` now and adds each --var as the command line is read. Throws
// hiltest::Error (Usage, naming --var) for an assignment that is not NAME=VALUE.
CLI::Option* add_input_variables_option(CLI::App& command, suite::ParseOptions& parse, const std::string& help);

}  // namespace hiltest::cli
