#include "runner/cli/commands.hpp"

namespace hiltest::cli {

// Placeholder until the probe command family lands.
void add_probe_commands(CLI::App& /*app*/, CommandContext& /*context*/) {}

}  // namespace hiltest::cli
