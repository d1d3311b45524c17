// hiltest: the composition root. Wires the command families to CLI11 and turns errors into
// the documented exit codes.
#include <iostream>

#include "probe/base/error.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/exit_code.hpp"

int main(int argc, char** argv)
{
    using namespace hiltest;
    CLI::App app{"hiltest — firmware-in-the-loop tests for STM32 boards behind an ST-Link/V2,\n"
                 "on a real bench or on the simulated Blue Pill.",
                 "hiltest"};
    app.require_subcommand(1);
    app.footer("Exit codes: 0 all passed, 1 a test failed, 2 usage, suite or bench file error,\n"
               "3 probe, connection, hook or other infrastructure error, 130 interrupted.\n"
               "Docs: README.md and docs/ in the hiltest repository.");
    app.set_version_flag("--version", std::string("hiltest ") + HILTEST_VERSION);

    cli::CommandContext context;
    cli::add_run_command(app, context);
    cli::add_report_commands(app, context);
    cli::add_bench_commands(app, context);
    cli::add_sim_commands(app, context);
    cli::add_sim_usb_command(app, context);
    cli::add_probe_commands(app, context);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : cli::kExitUsage;
    } catch (const Error& e) {
        std::cerr << "hiltest: error: " << e.what() << "\n";
        if (!e.remedy().empty()) std::cerr << "  what to do: " << e.remedy() << "\n";
        return cli::exit_code_for(e.kind());
    } catch (const std::exception& e) {
        std::cerr << "hiltest: internal error: " << e.what() << "\n";
        return cli::kExitInfrastructure;
    }
    return context.exit_code;
}
