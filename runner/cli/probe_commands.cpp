// The probe command family: `probe list`, `info`, `reset`, `read`, `write`, `flash`. Each connects
// through the same driver stack (Transport → StlinkProbe → Connector → CortexM/Target),
// to a real ST-Link or to the simulated bench.
#include <unistd.h>
#include <charconv>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "image/image_file.hpp"
#include "probe/arm/cortex_m.hpp"
#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"
#include "probe/base/probe_selector.hpp"
#include "probe/connect/connector.hpp"
#include "probe/stlink/stlink_probe.hpp"
#include "probe/usb/libusb_transport.hpp"
#include "runner/cli/commands.hpp"
#include "probe/flash/stm32f1_programmer.hpp"
#include "runner/cli/board_run.hpp"
#include "runner/cli/probe_backend.hpp"
#include "runner/cli/usb_backend.hpp"

namespace hiltest::cli {
namespace {

using probe::connect::ConnectOptions;

struct CommonOptions {
    std::string probe = "stlink";
    std::string connect = "auto";
    uint32_t swd_khz = 1800;
    std::string declared_target;
    std::string power_cycle;
    uint64_t retry_seed = 1;
    bool stats = false;
    SimBackendOptions sim;
};

void add_common_options(CLI::App& command, CommonOptions& options)
{
    command.add_option("--probe", options.probe, "stlink | stlink:SERIAL | usb:BUS-PORT | sim")
        ->capture_default_str();
    command.add_option("--connect", options.connect, "auto | normal | under-reset")
        ->check(CLI::IsMember({"auto", "normal", "under-reset"}))
        ->capture_default_str();
    command.add_option("--speed", options.swd_khz, "SWD clock in kHz (rounded down to what the probe offers)")
        ->capture_default_str();
    command.add_option("--target", options.declared_target, "expected chip, e.g. stm32f103c8 (error if different)");
    command.add_option("--power-cycle", options.power_cycle,
                       "command that power-cycles the board, tried as a last resort "
                       "(with --probe sim: any value switches the simulated supply)");
    command.add_option("--retry-seed", options.retry_seed, "seed for the retry jitter")->capture_default_str();
    command.add_flag("--stats", options.stats, "print the connection statistics as JSON");
    add_sim_backend_options(command, options.sim);
}

// One connected probe + target for the duration of a command.
struct Session {
    std::unique_ptr<ProbeBackend> backend;
    std::unique_ptr<CommandLinePowerCycle> power_cycle;
    std::unique_ptr<probe::stlink::StlinkProbe> stlink;
    std::unique_ptr<probe::connect::Connector> connector;
    probe::connect::Connection connection;
    std::unique_ptr<probe::arm::CortexM> core;
};

Session open_session(const CommonOptions& options, bool halt)
{
    Session s;
    const auto selector = probe::ProbeSelector::parse(options.probe);
    probe::connect::PowerCycleHook* power_cycle = nullptr;
    if (selector.is_simulated()) {
        check_flash_state_path(options.sim.rig.flash_state.string());  // before the command, not after it
        SimBackendOptions sim = options.sim;
        sim.power_switch = !options.power_cycle.empty();
        s.backend = make_sim_backend(sim);
        power_cycle = s.backend->power_cycle();
    } else {
        s.backend = make_usb_backend(selector);
        if (!options.power_cycle.empty()) {
            s.power_cycle = std::make_unique<CommandLinePowerCycle>(options.power_cycle, s.backend->clock());
            power_cycle = s.power_cycle->hook();
        }
    }
    s.stlink = std::make_unique<probe::stlink::StlinkProbe>(s.backend->transport(), s.backend->clock());
    ConnectOptions connect;
    connect.mode = probe::connect::parse_connect_mode(options.connect);
    connect.swd_khz = options.swd_khz;
    connect.declared_target = options.declared_target;
    connect.retry.seed = options.retry_seed;
    connect.power_cycle = power_cycle;
    connect.halt = halt;
    // Progress for the person at the board ("connecting …", "release the board's RESET button
    // now") on stderr: stdout keeps what the command reads.
    connect.note = [](const std::string& text) { std::cerr << text << "\n" << std::flush; };
    s.connector = std::make_unique<probe::connect::Connector>(*s.stlink, s.backend->clock(), connect);
    try {
        s.connection = s.connector->connect();
    } catch (const Error&) {
        if (options.stats) std::cout << s.connector->statistics().to_json().dump(2) << "\n";
        throw;
    }
    s.core = std::make_unique<probe::arm::CortexM>(*s.stlink, s.backend->clock());
    return s;
}

void print_stats(const Session& s, const CommonOptions& options)
{
    if (options.stats) std::cout << s.connector->statistics().to_json().dump(2) << "\n";
}

// Connecting under reset leaves the core halted at the reset vector; a command that did not
// ask for a halted core lets the firmware run again when it is done.
void release_core(Session& s)
{
    if (s.connection.core_halted) s.core->resume();
}

uint32_t parse_number(const std::string& text, const char* what)
{
    uint32_t value = 0;
    std::string_view digits = text;
    int base = 10;
    if (digits.starts_with("0x") || digits.starts_with("0X")) {
        digits.remove_prefix(2);
        base = 16;
    }
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
    if (digits.empty() || ec != std::errc{} || ptr != digits.data() + digits.size()) {
        throw Error(ErrorKind::Usage, std::string("'") + text + "' is not a valid " + what,
                    "write numbers in decimal or as 0x… hex");
    }
    return value;
}

bool looks_numeric(const std::string& text)
{
    return !text.empty() && (std::isdigit(static_cast<unsigned char>(text[0])) != 0);
}

uint32_t resolve_symbol(const std::string& name, const std::string& elf)
{
    if (elf.empty()) {
        throw Error(ErrorKind::Usage, "'" + name + "' is not an address, and no --elf file was given to look it up in",
                    "give an address (0x20000000) or the firmware's ELF with --elf FILE");
    }
    const auto image = image::load_image(elf);
    const auto* symbol = image.find_symbol(name);
    if (!symbol) {
        throw Error(ErrorKind::Usage, "the symbol '" + name + "' is not in " + elf,
                    "check the spelling; static variables may be renamed by the compiler");
    }
    return symbol->address;
}

probe::arm::AccessWidth width_from_bits(unsigned bits)
{
    switch (bits) {
    case 8: return probe::arm::AccessWidth::Bits8;
    case 16: return probe::arm::AccessWidth::Bits16;
    default: return probe::arm::AccessWidth::Bits32;
    }
}

void list_probes()
{
    probe::UsbContext context;
    const auto probes = probe::list_stlink_probes(context);
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

void print_info(const Session& s, const ProbeBackend& backend)
{
    const auto& id = s.stlink->identity();
    const auto& c = s.connection;
    char volts[32];
    std::snprintf(volts, sizeof volts, "%.2f V", c.voltage);
    const auto model = probe::find_stlink_model(id.vid, id.pid);
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
    const std::string notes = backend.notes();
    if (!notes.empty()) std::cout << notes << "\n";
}

}  // namespace

void add_probe_commands(CLI::App& app, CommandContext& context)
{
    auto* probe_cmd = app.add_subcommand("probe", "Debug probes attached to this machine");
    probe_cmd->require_subcommand(1);
    auto* list = probe_cmd->add_subcommand("list", "List ST-Links with their serials and USB locations");
    list->callback([&context] {
        list_probes();
        context.exit_code = kExitOk;
    });

    auto info_options = std::make_shared<CommonOptions>();
    auto* info = app.add_subcommand("info", "Connect and show probe, target voltage, chip and flash size");
    add_common_options(*info, *info_options);
    info->callback([info_options, &context] {
        Session s = open_session(*info_options, false);
        print_info(s, *s.backend);
        print_stats(s, *info_options);
        release_core(s);
        s.backend->finish();  // saves --flash-state; a failure is this command's error
        context.exit_code = kExitOk;
    });

    auto reset_options = std::make_shared<CommonOptions>();
    auto reset_halt = std::make_shared<bool>(false);
    auto reset_nrst = std::make_shared<bool>(false);
    auto* reset = app.add_subcommand("reset", "Reset the target (and optionally keep it halted at the reset vector)");
    add_common_options(*reset, *reset_options);
    reset->add_flag("--halt", *reset_halt, "halt at the reset vector");
    reset->add_flag("--nrst", *reset_nrst, "reset through the NRST line instead of SYSRESETREQ");
    reset->callback([reset_options, reset_halt, reset_nrst, &context] {
        Session s = open_session(*reset_options, false);
        const auto method = *reset_nrst ? probe::arm::ResetMethod::Nrst : probe::arm::ResetMethod::SysResetReq;
        if (*reset_halt) {
            s.core->reset_and_halt(method);
            std::cout << "target reset, halted at PC "
                      << hex(s.core->read_register(probe::arm::CoreRegister::PC)) << "\n";
        } else {
            s.core->reset_and_run(method);
            std::cout << "target reset and running\n";
        }
        print_stats(s, *reset_options);
        s.backend->finish();  // saves --flash-state; a failure is this command's error
        context.exit_code = kExitOk;
    });

    struct ReadOptions {
        CommonOptions common;
        std::string where;
        std::string elf;
        uint32_t count = 1;
        unsigned width = 32;
    };
    auto read_options = std::make_shared<ReadOptions>();
    auto* read = app.add_subcommand("read", "Read target memory: words, half-words or bytes");
    add_common_options(*read, read_options->common);
    read->add_option("ADDR", read_options->where, "address (0x…) or symbol name (needs --elf)")->required();
    read->add_option("--elf", read_options->elf, "ELF file to look symbols up in");
    read->add_option("--count", read_options->count, "number of items")->check(CLI::Range(1u, 1u << 20));
    read->add_option("--width", read_options->width, "item size in bits")->check(CLI::IsMember({8u, 16u, 32u}));
    read->callback([read_options, &context] {
        const auto& o = *read_options;
        const uint32_t address = looks_numeric(o.where) ? parse_number(o.where, "address")
                                                        : resolve_symbol(o.where, o.elf);
        Session s = open_session(o.common, false);
        const unsigned bytes_per_item = o.width / 8;
        std::vector<uint8_t> data(static_cast<std::size_t>(o.count) * bytes_per_item);
        s.stlink->read_memory(address, data, width_from_bits(o.width));
        for (uint32_t i = 0; i < o.count; ++i) {
            uint32_t value = 0;
            for (unsigned b = 0; b < bytes_per_item; ++b) value |= uint32_t{data[i * bytes_per_item + b]} << (8 * b);
            std::cout << hex(address + i * bytes_per_item) << ": " << hex(value, static_cast<int>(bytes_per_item * 2))
                      << "\n";
        }
        print_stats(s, o.common);
        release_core(s);
        s.backend->finish();  // saves --flash-state; a failure is this command's error
        context.exit_code = kExitOk;
    });

    struct FlashCommandOptions {
        CommonOptions common;
        std::string image;
        bool verify = true;
        bool no_verify = false;
        bool unlock = false;
        bool no_skip = false;
        bool no_loader = false;
    };
    auto flash_options = std::make_shared<FlashCommandOptions>();
    auto* flash = app.add_subcommand(
        "flash", "Program an image (ELF, HEX or BIN at 0x08000000) into the target's flash and start it.\n"
                 "Pages that already hold the image are skipped; programmed pages are verified.");
    add_common_options(*flash, flash_options->common);
    flash->add_option("IMAGE", flash_options->image, "firmware image: .elf, .hex or .bin")->required()->check(CLI::ExistingFile);
    flash->add_flag("--verify", flash_options->verify, "verify the programmed pages (the default)");
    flash->add_flag("--no-verify", flash_options->no_verify, "do not verify");
    flash->add_flag("--unlock", flash_options->unlock,
                    "remove read-out protection (RDP level 1) first: this ERASES THE WHOLE CHIP");
    flash->add_flag("--no-skip", flash_options->no_skip, "erase and program every touched page, even unchanged ones");
    flash->add_flag("--no-loader", flash_options->no_loader, "program through the debug port instead of the RAM loader");
    flash->callback([flash_options, &context] {
        const auto& o = *flash_options;
        const image::Image image = image::load_image(o.image);
        Session s = open_session(o.common, false);
        probe::flash::Stm32f1Programmer programmer(*s.core, probe::flash::geometry_for(s.connection.target));
        probe::flash::FlashOptions options;
        options.verify = !o.no_verify;
        options.unlock = o.unlock;
        options.skip_unchanged = !o.no_skip;
        options.use_loader = !o.no_loader;
        options.run_after = true;
        options.usb_transactions = [&s] { return s.stlink->counters().commands; };
        const bool terminal = ::isatty(STDOUT_FILENO) != 0;
        options.progress = [terminal](const probe::flash::FlashProgress& progress) {
            if (terminal) std::cout << '\r' << probe::flash::progress_line(progress) << std::flush;
        };
        const probe::flash::FlashStatistics stats = programmer.program(image, options);
        if (terminal) std::cout << "\n";
        if (stats.unlocked) std::cout << "read-out protection removed: the chip was mass-erased\n";
        char line[256];
        std::snprintf(line, sizeof line,
                      "flashed %s: %llu bytes, %u pages programmed, %u unchanged, %s, %.1f KiB/s (%s)\n",
                      o.image.c_str(), static_cast<unsigned long long>(stats.image_bytes), stats.pages_programmed,
                      stats.pages_skipped, stats.verified ? "verified" : "not verified", stats.kib_per_second(),
                      stats.used_loader ? "RAM loader" : "direct writes");
        std::cout << line;
        if (stats.link_lost_after_start)
            std::cout << "the new firmware started and took the SWD pins (or sleeps): the board answers the debugger "
                         "again only when connected under reset (--connect under-reset)\n";
        print_stats(s, o.common);
        s.backend->finish();  // saves --flash-state; a failure is this command's error
        context.exit_code = kExitOk;
    });

    struct WriteOptions {
        CommonOptions common;
        std::string address;
        std::string value;
        unsigned width = 32;
    };
    auto write_options = std::make_shared<WriteOptions>();
    auto* write = app.add_subcommand("write", "Write one value to target memory");
    add_common_options(*write, write_options->common);
    write->add_option("ADDR", write_options->address, "address (0x…)")->required();
    write->add_option("VALUE", write_options->value, "value (0x… or decimal)")->required();
    write->add_option("--width", write_options->width, "access size in bits")->check(CLI::IsMember({8u, 16u, 32u}));
    write->callback([write_options, &context] {
        const auto& o = *write_options;
        const uint32_t address = parse_number(o.address, "address");
        const uint32_t value = parse_number(o.value, "value");
        Session s = open_session(o.common, false);
        const unsigned n = o.width / 8;
        std::vector<uint8_t> data(n);
        for (unsigned b = 0; b < n; ++b) data[b] = static_cast<uint8_t>(value >> (8 * b));
        s.stlink->write_memory(address, data, width_from_bits(o.width));
        std::cout << "wrote " << hex(value) << " to " << hex(address) << "\n";
        print_stats(s, o.common);
        release_core(s);
        s.backend->finish();  // saves --flash-state; a failure is this command's error
        context.exit_code = kExitOk;
    });
}

}  // namespace hiltest::cli
