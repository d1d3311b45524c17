#pragma once
// Durations as the user writes them: "3s", "500ms", "2.5s", "100us", "250ns", "1min".
#include <chrono>
#include <string>

#include <CLI/CLI.hpp>

namespace hiltest::cli {

// Throws hiltest::Error (Usage, naming `option`) for text that is no duration or is longer
// than an hour (of simulated time: the only durations the command line takes).
std::chrono::nanoseconds parse_duration(const std::string& text, const std::string& option);

// `option` read into `duration` as the command line is parsed (at most an hour).
CLI::Option* add_duration_option(CLI::App& command, const std::string& option, std::chrono::nanoseconds& duration,
                                 const std::string& help);

}  // namespace hiltest::cli
