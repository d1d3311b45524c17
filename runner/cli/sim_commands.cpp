#include "runner/cli/commands.hpp"

namespace hiltest::cli {

// Placeholder until the sim command family lands.
void add_sim_commands(CLI::App& /*app*/, CommandContext& /*context*/) {}

}  // namespace hiltest::cli
