// hiltest reset: reset the target, and keep it halted at the reset vector with --halt.
#include <iostream>
#include <memory>

#include "probe/base/hex.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/probe/probe_session.hpp"

namespace hiltest::cli {
namespace {

struct ResetOptions {
    ProbeCommandOptions probe;
    bool halt = false;
    bool nrst = false;
};

}  // namespace

void add_reset_command(CLI::App& app, CommandContext& context)
{
    auto options = std::make_shared<ResetOptions>();
    auto* reset = app.add_subcommand("reset", "Reset the target (and optionally keep it halted at the reset vector)");
    add_probe_command_options(*reset, options->probe);
    reset->add_flag("--halt", options->halt, "halt at the reset vector");
    reset->add_flag("--nrst", options->nrst, "reset through the NRST line instead of SYSRESETREQ");
    reset->callback([options, &context] {
        ProbeSession s = open_probe_session(options->probe, false);
        const auto method = options->nrst ? probe::arm::ResetMethod::Nrst : probe::arm::ResetMethod::SysResetReq;
        if (options->halt) {
            s.core->reset_and_halt(method);
            std::cout << "target reset, halted at PC " << hex(s.core->read_register(probe::arm::CoreRegister::PC))
                      << "\n";
        } else {
            s.core->reset_and_run(method);
            std::cout << "target reset and running\n";
        }
        close_probe_session(s, options->probe, false);  // the reset decided whether the core runs
        context.exit_code = kExitOk;
    });
}

}  // namespace hiltest::cli
