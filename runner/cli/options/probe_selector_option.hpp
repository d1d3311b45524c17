#pragma once
// --probe: read into a probe::ProbeSelector as the command line is parsed, its help listing
// the forms the selector itself declares.
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "probe/base/probe_selector.hpp"

namespace hiltest::cli {

// `help` is followed by the selector's forms. Throws hiltest::Error (Usage, naming --probe)
// for text that is no selector.
CLI::Option* add_probe_selector_option(CLI::App& command, probe::ProbeSelector& selector, const std::string& help);
CLI::Option* add_probe_selector_option(CLI::App& command, std::optional<probe::ProbeSelector>& selector,
                                       const std::string& help);

}  // namespace hiltest::cli
