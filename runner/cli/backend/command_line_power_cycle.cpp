#include "runner/cli/backend/command_line_power_cycle.hpp"

namespace hiltest::cli {

CommandLinePowerCycle::CommandLinePowerCycle(const std::string& command, Clock& clock)
{
    board_.probe = probe::ProbeSelector::any_stlink();
    board_.power_cycle = bench::power_cycle_hook(command);
    hooks_ = std::make_unique<bench::BoardHooks>(bench_, board_);
    hook_ = hooks_->power_cycle(clock);
}

}  // namespace hiltest::cli
