// hiltest info: connect and show the probe, the target voltage, the chip and its flash size.
#include <cstdio>
#include <iostream>
#include <memory>

#include "probe/base/hex.hpp"
#include "probe/usb/stlink_models.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/probe/probe_session.hpp"

namespace hiltest::cli {
namespace {

void print_info(const ProbeSession& s)
{
    const auto& id = s.stlink->identity();
    const auto& c = s.connection;
    char volts[32];
    std::snprintf(volts, sizeof volts, "%.2f V", c.voltage);
    const auto model = probe::usb::find_stlink_model(id.vid, id.pid);
    std::cout << "probe:        " << (model ? model->name : std::string_view("ST-Link")) << " "
              << probe::stlink::to_string(s.stlink->version()) << ", serial "
              << id.serial << ", at " << id.location << "\n";
    std::cout << "voltage:      " << volts << "\n";
    std::cout << "SWD:          " << c.swd_khz << " kHz, connected " << probe::connect::to_string(c.strategy)
              << " after " << s.connector->statistics().attempt_count() << " attempt(s)\n";
    std::cout << "DPIDR:        " << hex(c.dpidr) << "\n";
    std::cout << "chip:         " << c.target.chip_name() << ", revision " << c.target.revision << " (DBGMCU_IDCODE "
              << hex(c.target.ids.dbgmcu_idcode) << ")\n";
    std::cout << "flash:        " << c.target.flash_kb << " KB"
              << (c.target.flash_size_from_register ? "" : " (from the chip table; flash-size register unreadable)")
              << "\n";
    std::cout << "core:         " << c.target.description().substr(c.target.description().rfind(", ") + 2)
              << " (CPUID " << hex(c.target.ids.cpuid) << ")\n";
    if (c.target.clone_warning) std::cout << "warning:      " << *c.target.clone_warning << "\n";
    const std::string notes = s.backend->notes();
    if (!notes.empty()) std::cout << notes << "\n";
}

}  // namespace

void add_info_command(CLI::App& app, CommandContext& context)
{
    auto options = std::make_shared<ProbeCommandOptions>();
    auto* info = app.add_subcommand("info", "Connect and show probe, target voltage, chip and flash size");
    add_probe_command_options(*info, *options);
    info->callback([options, &context] {
        ProbeSession s = open_probe_session(*options, false);
        print_info(s);
        close_probe_session(s, *options, true);
        context.exit_code = kExitOk;
    });
}

}  // namespace hiltest::cli
