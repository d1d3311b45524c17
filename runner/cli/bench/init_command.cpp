// hiltest bench init: a bench file for the ST-Links on this machine, to start from.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <tuple>

#include <nlohmann/json.hpp>

#include "probe/base/error.hpp"
#include "probe/base/probe_selector.hpp"
#include "probe/usb/libusb_transport.hpp"
#include "reports/atomic_file.hpp"
#include "runner/cli/commands.hpp"

namespace hiltest::cli {
namespace {

struct InitOptions {
    std::string name;
    std::string output;
};

// A bench file for the ST-Links on this machine: one board per dongle, named by position, NRST
// assumed not wired (the Blue Pill's SWD header has no reset pin) and no hooks yet.
ExitCode init(const InitOptions& options)
{
    probe::usb::UsbContext context;
    std::vector<probe::usb::UsbProbeInfo> probes = probe::usb::list_stlink_probes(context);
    // Numbered by USB position, so the same wiring gives the same names every time.
    std::sort(probes.begin(), probes.end(), [](const probe::usb::UsbProbeInfo& a, const probe::usb::UsbProbeInfo& b) {
        return std::tie(a.bus, a.ports) < std::tie(b.bus, b.ports);
    });
    std::map<std::string, int> serial_count;
    for (const probe::usb::UsbProbeInfo& found : probes) ++serial_count[found.serial];
    nlohmann::ordered_json boards = nlohmann::ordered_json::array();
    for (const probe::usb::UsbProbeInfo& found : probes) {
        const bool repeated = serial_count[found.serial] > 1;
        if (!found.serial.empty() && (repeated || !probe::ProbeSelector::is_writable_serial(found.serial))) {
            // Clones of one batch often share a serial, or report one that is not letters and
            // digits (no stlink:SERIAL can name it): only the USB port tells them apart.
            if (repeated) {
                std::cerr << "hiltest: " << serial_count[found.serial] << " ST-Links report the serial " << found.serial;
            } else {
                std::cerr << "hiltest: an ST-Link reports the serial " << found.serial << " (not only letters and digits)";
            }
            std::cerr << "; the one at USB " << found.location << " is selected by its port (keep it in that port)\n";
            boards.push_back({{"name", "bp-" + std::to_string(boards.size() + 1)},
                              {"probe", "usb:" + found.location},
                              {"nrst_wired", false}});
            continue;
        }
        if (found.serial.empty()) {
            std::cerr << "hiltest: left out the " << found.model.name << " at USB " << found.location
                      << ": its serial cannot be read"
                      << (found.open_error ? " (" + std::string(found.open_error->what()) + ")" : std::string()) << "\n"
                      << "  what to do: "
                      << (found.open_error && !found.open_error->remedy().empty() ? found.open_error->remedy()
                                                                                  : "check the USB permissions (sudo ci/udev/install)")
                      << "\n";
            continue;
        }
        boards.push_back({{"name", "bp-" + std::to_string(boards.size() + 1)},
                          {"probe", "stlink:" + found.serial},
                          {"nrst_wired", false}});
    }
    if (boards.empty()) {
        throw Error(ErrorKind::ProbeNotFound, "no usable ST-Link on this machine to put in a bench file",
                    "plug the ST-Links in (check `hiltest probe list`); for a bench without hardware start from "
                    "benches/virtual-quad.json");
    }
    nlohmann::ordered_json bench;
    if (!options.name.empty()) bench["name"] = options.name;
    bench["description"] = "Written by hiltest bench init: rename the boards, set nrst_wired to true where the "
                           "ST-Link's RST reaches the board, add power_cycle/before/after hooks (docs/bench-format.md)";
    bench["boards"] = boards;
    const std::string text = bench.dump(2) + "\n";
    if (options.output.empty()) {
        std::cout << text;
    } else {
        const std::filesystem::path path(options.output);
        if (std::filesystem::exists(path))
            throw Error(ErrorKind::Usage, options.output + " exists already", "choose another file; hiltest does not overwrite a bench file");
        if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
        reports::write_file_atomically(path, text);
        std::cerr << "wrote " << options.output << " with " << boards.size() << (boards.size() == 1 ? " board" : " boards")
                  << "; check it with: hiltest bench check " << options.output << "\n";
    }
    return kExitOk;
}

}  // namespace

void add_bench_init_command(CLI::App& bench, CommandContext& context)
{
    auto options = std::make_shared<InitOptions>();
    CLI::App* init_app = bench.add_subcommand(
        "init",
        "Write a bench file for the ST-Links attached to this machine (one board each, by serial) to\n"
        "start from. Example: hiltest bench init --name desk-1 -o /etc/hiltest/bench.json");
    init_app->add_option("--name", options->name, "The bench's name (default: the file's name)");
    init_app->add_option("-o,--output", options->output, "Write to FILE instead of standard output (never overwrites)");
    init_app->callback([options, &context] { context.exit_code = init(*options); });
}

}  // namespace hiltest::cli
