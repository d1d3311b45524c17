#include "probe/connect/power_cycle.hpp"

#include "probe/base/error.hpp"
#include "probe/base/external_command.hpp"

namespace hiltest::probe::connect {

CommandPowerCycle::CommandPowerCycle(std::string command, Clock& clock, std::chrono::milliseconds timeout,
                                     Duration settle)
    : command_(std::move(command)), clock_(clock), timeout_(timeout), settle_(settle)
{
}

void CommandPowerCycle::power_cycle()
{
    // A bench hook is a shell command line by nature ("uhubctl -l 1-1 -p 2 -a cycle").
    ExternalCommand command({"sh", "-c", command_});
    command.timeout = timeout_;
    const CommandResult result = run_external_command(command);
    if (result.timed_out) {
        throw Error(ErrorKind::HookFailed,
                    "the power-cycle command '" + command_ + "' did not finish within " +
                        std::to_string(timeout_.count()) + " ms",
                    "check the command; it must switch the board off and on and then exit");
    }
    if (result.exit_code != 0) {
        throw Error(ErrorKind::HookFailed,
                    "the power-cycle command '" + command_ + "' failed with exit code " +
                        std::to_string(result.exit_code) + (result.output.empty() ? "" : ": " + result.output),
                    "run the command by hand to see why");
    }
    clock_.sleep_for(settle_);
}

}  // namespace hiltest::probe::connect
