// hiltest sim usb: serve simulated Blue Pills behind virtual ST-Link/V2 dongles to unmodified
// libusb programs (st-info, st-flash, OpenOCD, hiltest itself) and run one of them.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "fixtures/bluepill/rig/rig.hpp"
#include "fixtures/bluepill/soc/flash_state_file.hpp"
#include "fixtures/bluepill/usb/stlink_usb_device.hpp"
#include "fixtures/bluepill/usb/usb_rig.hpp"
#include "image/image_file.hpp"
#include "probe/base/error.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/sim/sim_backend_options.hpp"

namespace hiltest::cli {
namespace {

struct SimUsbOptions {
    SimUsbOptions()
    {
        // As a Blue Pill's 4-pin SWD header is: NRST reaches the chip only with --nrst-wired.
        rig.nrst_wired = false;
        // Served over USB the board follows the wall clock; no modeled USB latency on top.
        rig.dongle.usb_latency_ns = 0;
        rig.dongle.usb_ns_per_data_byte = 0;
    }
    sim::RigConfig rig;       // the first board's; the n-th has seed + n and its own serial
    std::string flash_state;  // FILE, or FILE.1 … FILE.N for N boards
    unsigned count = 1;
    bool same_serial = false;
    bool stats = false;
    std::vector<std::string> command;
};

// One simulated rig and its dongle as a USB device.
struct ServedBoard {
    explicit ServedBoard(sim::RigConfig config) : rig(std::move(config)), usb(rig.stlink(), rig.board()) {}
    sim::Rig rig;
    sim::usb::StlinkUsbDevice usb;
};

// The n-th board's serial: the given one, then the same with its last digits counting up.
std::string serial_for(const std::string& base, unsigned index)
{
    if (index == 0) return base;
    std::string suffix = std::to_string(index);
    if (suffix.size() >= base.size()) return suffix;
    return base.substr(0, base.size() - suffix.size()) + suffix;
}

std::string state_file_for(const std::string& base, unsigned index, unsigned count)
{
    if (base.empty() || count == 1) return base;
    return base + "." + std::to_string(index + 1);
}

sim::RigConfig served_config(const SimUsbOptions& options, unsigned index)
{
    sim::RigConfig config = options.rig;
    config.seed = options.rig.seed + index;
    if (!options.same_serial) config.dongle.serial = serial_for(options.rig.dongle.serial, index);
    config.flash_state = state_file_for(options.flash_state, index, options.count);
    return config;
}

int run_sim_usb(const SimUsbOptions& options)
{
    if (options.command.empty())
        throw Error(ErrorKind::Usage, "no command to run", "put it after --, e.g. hiltest sim usb -- st-info --probe");
    if (options.count == 0 || options.count > 16)
        throw Error(ErrorKind::Usage, "--count must be between 1 and 16");

    std::vector<std::unique_ptr<ServedBoard>> boards;
    for (unsigned i = 0; i < options.count; ++i) boards.push_back(std::make_unique<ServedBoard>(served_config(options, i)));

    sim::usb::UsbRig bench;
    for (auto& served : boards) bench.add_device(served->usb);
    const int status = bench.run(options.command);

    for (const auto& served : boards) {
        const std::filesystem::path& state = served->rig.config().flash_state;
        if (!state.empty()) sim::save_flash_state(state.string(), served->rig.board().flash_storage());
    }
    if (options.stats) {
        sim::usb::UsbTrafficStats total;
        for (std::size_t i = 0; i < bench.device_count(); ++i) {
            const auto s = bench.stats(i);
            total.transfers_out += s.transfers_out;
            total.transfers_in += s.transfers_in;
            total.control_transfers += s.control_transfers;
            total.bytes_out += s.bytes_out;
            total.bytes_in += s.bytes_in;
        }
        std::uint64_t commands = 0;
        for (auto& served : boards) commands += served->rig.stlink().stats().commands;
        std::fprintf(stderr,
                     "hiltest sim usb: %zu device(s), %llu ST-Link commands, %llu bulk transfers (%llu out, %llu in), "
                     "%llu control transfers, %llu bytes out, %llu bytes in; command exited with %d\n",
                     bench.device_count(), static_cast<unsigned long long>(commands),
                     static_cast<unsigned long long>(total.transfers_out + total.transfers_in),
                     static_cast<unsigned long long>(total.transfers_out),
                     static_cast<unsigned long long>(total.transfers_in),
                     static_cast<unsigned long long>(total.control_transfers),
                     static_cast<unsigned long long>(total.bytes_out), static_cast<unsigned long long>(total.bytes_in),
                     status);
    }
    return status;
}

}  // namespace

void add_sim_usb_command(CLI::App& sim, CommandContext& context)
{
    auto options = std::make_shared<SimUsbOptions>();
    CLI::App* usb = sim.add_subcommand(
        "usb",
        "Serve simulated Blue Pills behind virtual ST-Link/V2 dongles to a libusb program and run it.\n"
        "The program sees real USB devices (VID 0483, PID 3748): st-info, st-flash, OpenOCD and hiltest\n"
        "itself work unmodified. Example:\n"
        "  hiltest sim usb --firmware build/firmware/blink_systick.elf -- st-info --probe");
    sim::RigConfig& rig = options->rig;
    usb->add_option_function<std::string>(
        "--firmware", [&rig](const std::string& path) { rig.firmware = image::load_image(path); },
        "Program this image (.elf, .hex, .bin) into every board first");
    usb->add_option("--flash-state", options->flash_state,
                    "Load flash and option bytes from FILE (if it exists) and save them back afterwards;\n"
                    "with --count N the boards use FILE.1 … FILE.N");
    usb->add_option_function<std::vector<std::string>>(
           "--fault", [&rig](const std::vector<std::string>& specs) { rig.faults = sim::parse_faults(specs); },
           "Inject a fault (repeatable), e.g. usb-timeout@cmd=12, power-loss@t=2s;\n"
           "syntax in fixtures/bluepill/stlink/README.md")
        ->allow_extra_args(false);
    usb->add_option("--serial", rig.dongle.serial, "Serial of the first ST-Link (24 characters; more boards count up)");
    usb->add_option("--count", options->count, "How many boards/dongles to serve (default 1)");
    usb->add_flag("--same-serial", options->same_serial,
                  "Every dongle reports the --serial, as a batch of clones often does (select them by usb:BUS-PORT)");
    usb->add_flag("--stats", options->stats, "Print a one-line summary of the USB traffic at the end");
    usb->add_flag("--nrst-wired", rig.nrst_wired,
                  "NRST of the dongle reaches the chip (the Blue Pill's SWD header has no reset pin)");
    usb->add_option_function<std::string>(
           "--dpidr", [&rig](const std::string& text) { rig.dpidr = parse_dpidr(text, "--dpidr"); },
           "SW-DP IDCODE, e.g. 0x2BA01477 for a CS32F103 clone")
        ->default_str("0x1BA01477");
    usb->add_option("--seed", rig.seed, "Seed for fault injection and the chips' unique IDs (default 1)");
    usb->add_option("COMMAND", options->command, "The program to run and its arguments (after --)")->required();
    usb->callback([options, &context] { context.exit_code = run_sim_usb(*options); });
}

}  // namespace hiltest::cli
