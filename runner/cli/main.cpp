// hiltest: the composition root. Wires the commands to CLI11 and turns errors into the
// documented exit codes.
#include <iostream>

#include "probe/base/error.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/exit_code.hpp"
#include "runner/cli/options/unavailable.hpp"

int main(int argc, char** argv)
{
    using namespace hiltest;
    CLI::App app{"hiltest — firmware-in-the-loop tests for STM32 boards behind an ST-Link/V2,\n"
                 "on a real bench or on the simulated Blue Pill.",
                 "hiltest"};
    app.require_subcommand(1);
    app.footer(cli::exit_codes_sentence() + "\nDocs: README.md and docs/ in the hiltest repository.");
    app.set_version_flag("--version", std::string("hiltest ") + HILTEST_VERSION);

    cli::CommandContext context;
    cli::add_run_command(app, context);
    cli::add_report_group(app, context);
    cli::add_bench_group(app, context);
#ifdef HILTEST_WITH_SIMULATOR
    cli::add_sim_group(app, context);
#else
    cli::add_unavailable_command(app, "sim", cli::MissingPart::Simulator);
#endif
    cli::add_probe_group(app, context);
    cli::add_info_command(app, context);
    cli::add_reset_command(app, context);
    cli::add_read_command(app, context);
    cli::add_flash_command(app, context);
    cli::add_write_command(app, context);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == static_cast<int>(CLI::ExitCodes::Success) ? cli::kExitOk : cli::kExitUsage;
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
