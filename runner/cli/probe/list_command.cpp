// hiltest probe list: the ST-Links on USB, each with the --probe selectors that name it.
#include <iostream>

#include "probe/usb/libusb_transport.hpp"
#include "runner/cli/commands.hpp"

namespace hiltest::cli {
namespace {

void list_probes()
{
    probe::usb::UsbContext context;
    const auto probes = probe::usb::list_stlink_probes(context);
    if (probes.empty()) {
        std::cout << "no ST-Link found on USB (the simulated bench is always available as --probe sim)\n";
        return;
    }
    for (const auto& p : probes) {
        std::cout << p.model.name << "  ";
        if (!p.serial.empty()) {
            std::cout << "--probe stlink:" << p.serial;
        } else {
            std::cout << "(serial unreadable)";
        }
        std::cout << "  --probe usb:" << p.location << "\n";
        if (p.open_error) {
            std::cout << "    cannot open: " << p.open_error->what() << "\n";
            if (!p.open_error->remedy().empty()) std::cout << "    what to do: " << p.open_error->remedy() << "\n";
        }
    }
}

}  // namespace

void add_probe_list_command(CLI::App& probe_group, CommandContext& context)
{
    auto* list = probe_group.add_subcommand("list", "List ST-Links with their serials and USB locations");
    list->callback([&context] {
        list_probes();
        context.exit_code = kExitOk;
    });
}

}  // namespace hiltest::cli
