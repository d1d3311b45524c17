#pragma once
// --connect auto | normal | under-reset, read into probe::connect::ConnectMode as the command
// line is parsed.
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "probe/connect/connector.hpp"

namespace hiltest::cli {

CLI::Option* add_connect_mode_option(CLI::App& command, probe::connect::ConnectMode& mode, const std::string& help);
// For commands where the option overrides a setting from elsewhere (a suite's connection.mode).
CLI::Option* add_connect_mode_option(CLI::App& command, std::optional<probe::connect::ConnectMode>& mode,
                                     const std::string& help);

}  // namespace hiltest::cli
