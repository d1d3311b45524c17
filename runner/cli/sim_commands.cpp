// `hiltest sim …`: run firmware on the simulated Blue Pill without a probe.
//   hiltest sim run IMAGE --for DURATION [--vcd FILE] [--uart] [--flash-state FILE] [--seed N] [--flash-kb N]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "probe/base/error.hpp"
#include "runner/cli/commands.hpp"

#ifdef HILTEST_HAVE_SIM_BOARD
#include "fixtures/bluepill/soc/board.hpp"
#include "fixtures/bluepill/soc/fault_status.hpp"
#include "fixtures/bluepill/soc/image_loader.hpp"
#include "fixtures/bluepill/soc/vcd_writer.hpp"
#endif

namespace hiltest::cli {

namespace {

// "3s", "500ms", "2.5s", "100us", "250ns", "1min" → nanoseconds.
uint64_t parse_duration(const std::string& text)
{
    const Error bad(ErrorKind::Usage, "'" + text + "' is not a duration",
                    "write a number with a unit: 3s, 500ms, 2.5s, 100us, 250ns, 1min");
    const char* begin = text.c_str();
    char* end = nullptr;
    const double number = std::strtod(begin, &end);
    if (end == begin || !std::isfinite(number) || number < 0) throw bad;
    const std::string unit(end);
    double scale = 0;
    if (unit == "s")
        scale = 1e9;
    else if (unit == "ms")
        scale = 1e6;
    else if (unit == "us" || unit == "\u00B5s")
        scale = 1e3;
    else if (unit == "ns")
        scale = 1;
    else if (unit == "min")
        scale = 60e9;
    else
        throw bad;
    const double nanoseconds = number * scale;
    if (nanoseconds > 3600e9)
        throw Error(ErrorKind::Usage, "'" + text + "' is longer than an hour of simulated time",
                    "run shorter pieces");
    return static_cast<uint64_t>(std::llround(nanoseconds));
}

std::string format_ns(double ns)
{
    char text[48];
    if (ns >= 1e9)
        std::snprintf(text, sizeof text, "%.4g s", ns / 1e9);
    else if (ns >= 1e6)
        std::snprintf(text, sizeof text, "%.4g ms", ns / 1e6);
    else if (ns >= 1e3)
        std::snprintf(text, sizeof text, "%.4g us", ns / 1e3);
    else
        std::snprintf(text, sizeof text, "%.0f ns", ns);
    return text;
}

std::string hex32(uint32_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", value);
    return text;
}

#ifdef HILTEST_HAVE_SIM_BOARD
using namespace hiltest::sim;

struct RunOptions {
    std::string image;
    std::string duration = "1s";
    std::string vcd;
    std::string flash_state;
    bool uart = false;
    uint64_t seed = 1;
    uint32_t flash_kb = 64;
};

const char* cause_name(ResetCause cause)
{
    switch (cause) {
        case ResetCause::PowerOn:
            return "power-on";
        case ResetCause::Pin:
            return "NRST pin";
        case ResetCause::Software:
            return "software (SYSRESETREQ)";
        case ResetCause::Watchdog:
            return "independent watchdog";
    }
    return "?";
}

void print_pins(std::ostream& out, Board& board)
{
    const PinId led{2, 13};
    const PinActivity activity = board.pin_trace().activity(led);
    out << "pins:\n  PC13 (LED, active low): " << activity.toggles << " toggle"
        << (activity.toggles == 1 ? "" : "s");
    if (activity.period_ns) {
        char frequency[32];
        std::snprintf(frequency, sizeof frequency, "%.4g Hz", 1e9 / *activity.period_ns);
        out << ", period " << format_ns(*activity.period_ns) << " (" << frequency << ")";
        out << ", half-periods " << format_ns(double(*activity.shortest_half_period_ns)) << " to "
            << format_ns(double(*activity.longest_half_period_ns));
    }
    if (activity.first_toggle_ns) out << ", first toggle at " << format_ns(double(*activity.first_toggle_ns));
    // An LED to 3.3 V lights only while the pin actively drives low.
    const bool driven = board.chip().gpio(2).is_output(13);
    out << ", now "
        << (!driven                ? "not driven (input, LED off)"
            : board.pin_level(led) ? "high (LED off)"
                                   : "low (LED on)")
        << "\n";
    for (const PinId pin : board.pin_trace().pins_seen()) {
        if (pin == led) continue;
        const PinActivity other = board.pin_trace().activity(pin);
        out << "  " << pin.name() << ": " << other.toggles << " change" << (other.toggles == 1 ? "" : "s")
            << ", now " << (board.pin_level(pin) ? "high" : "low") << "\n";
    }
}

void print_final_state(std::ostream& out, Board& board)
{
    CortexM3& core = board.core();
    out << "final state: ";
    if (!board.power()) {
        out << "unpowered\n";
        return;
    }
    switch (core.state()) {
        case RunState::Running:
            out << "running";
            break;
        case RunState::Sleeping:
            out << "sleeping (WFI/WFE)";
            break;
        case RunState::Halted:
            out << "halted";
            break;
        case RunState::Lockup:
            out << "LOCKED UP (fault while handling a fault)";
            break;
    }
    const uint32_t ipsr = core.read_register(16) & 0x1FFu;
    out << ", HCLK " << board.chip().hclk_hz() / 1e6 << " MHz, PC " << hex32(core.read_register(15)) << " in "
        << exception_name(ipsr) << ", " << core.instructions_retired() << " instructions\n";
    uint32_t cfsr = 0, hfsr = 0, mmfar = 0, bfar = 0;
    core.debug_read(0xE000ED28, 4, cfsr);
    core.debug_read(0xE000ED2C, 4, hfsr);
    core.debug_read(0xE000ED34, 4, mmfar);
    core.debug_read(0xE000ED38, 4, bfar);
    if (cfsr || hfsr) {
        out << "fault status: CFSR " << hex32(cfsr) << " (" << decode_cfsr(cfsr) << "), HFSR " << hex32(hfsr)
            << " (" << decode_hfsr(hfsr) << ")";
        if (cfsr & (1u << 7)) out << ", MMFAR " << hex32(mmfar);
        if (cfsr & (1u << 15)) out << ", BFAR " << hex32(bfar);
        out << "\n";
    }
}

int run_on_board(const RunOptions& options)
{
    const uint64_t duration = parse_duration(options.duration);
    if (options.image.empty() && options.flash_state.empty())
        throw Error(ErrorKind::Usage, "nothing to run: no IMAGE and no --flash-state",
                    "pass a firmware image (.elf, .hex or .bin)");

    BoardConfig config;
    config.seed = options.seed;
    if (options.flash_kb == 0 || options.flash_kb > 512)
        throw Error(ErrorKind::Usage,
                    "--flash-kb " + std::to_string(options.flash_kb) + " is not a flash size",
                    "use 64 (C8) or 128 (CB)");
    config.flash_size = options.flash_kb * 1024;
    config.service_semihosting = true;
    if (!options.flash_state.empty()) config.flash_state_file = options.flash_state;
    if (!options.image.empty()) config.image = load_firmware_image(options.image);
    Board board(config);

    std::cout << "hiltest sim run: " << (options.image.empty() ? options.flash_state : options.image)
              << " on a simulated Blue Pill (STM32F103C8, seed " << options.seed << ") for "
              << format_ns(double(duration)) << "\n";
    const RunResult result = board.run_for(duration);
    std::cout << "simulated time: " << format_ns(double(board.now_ns())) << "\n";

    print_pins(std::cout, board);
    const std::string& uart = board.uart_text();
    if (options.uart) {
        std::cout << "uart (USART1 TX, " << uart.size() << " bytes):\n" << uart;
        if (!uart.empty() && uart.back() != '\n') std::cout << "\n";
    } else if (!uart.empty()) {
        std::cout << "uart: " << uart.size() << " bytes on USART1 TX (show them with --uart)\n";
    }
    const std::string& semihosting = board.semihosting_output();
    if (!semihosting.empty()) {
        std::cout << "semihosting output:\n" << semihosting;
        if (semihosting.back() != '\n') std::cout << "\n";
    }
    for (const ResetEvent& reset : board.resets())
        if (reset.cause != ResetCause::PowerOn || reset.time_ns != 0)
            std::cout << "reset: " << cause_name(reset.cause) << " at " << format_ns(double(reset.time_ns))
                      << "\n";
    print_final_state(std::cout, board);

    if (!options.vcd.empty()) {
        VcdOptions vcd;
        vcd.end_ns = board.now_ns();
        write_vcd_file(options.vcd, board.pin_trace(), vcd);
        std::cout << "pin trace: " << options.vcd << " (VCD, " << board.pin_trace().changes().size()
                  << " changes, timescale " << format_ns(double(vcd_timescale_ns(vcd.end_ns))) << ")\n";
    }
    if (!options.flash_state.empty()) {
        board.save_flash_state(options.flash_state);
        std::cout << "flash state saved: " << options.flash_state << "\n";
    }
    if (result == RunResult::SemihostingExit) {
        const int status = board.exit_status().value_or(1);
        std::cout << "firmware exited through semihosting with status " << status << "\n";
        return status;
    }
    return kExitOk;
}
#endif

}  // namespace

void add_sim_commands(CLI::App& app, CommandContext& context)
{
    CLI::App* sim = app.add_subcommand("sim", "Run firmware on the simulated Blue Pill (no hardware needed)");
    sim->require_subcommand(1);
#ifdef HILTEST_HAVE_SIM_BOARD
    auto options = std::make_shared<RunOptions>();
    CLI::App* run =
        sim->add_subcommand("run", "Run an image for a while and report what its pins, UART and core did");
    run->add_option("IMAGE", options->image, "Firmware: .elf, .hex or .bin (loaded at 0x08000000)");
    run->add_option("--for", options->duration, "Simulated time to run: 3s, 500ms, 2.5s … (default 1s)");
    run->add_option("--vcd", options->vcd, "Write the pin trace as a VCD file (GTKWave, sigrok)");
    run->add_flag("--uart", options->uart, "Print the text sent on USART1");
    run->add_option("--flash-state", options->flash_state,
                    "Load the board's flash and option bytes from FILE (if it exists) and save them back");
    run->add_option("--seed", options->seed,
                    "Seed for the chip's unique ID and power-on SRAM content (default 1)");
    run->add_option("--flash-kb", options->flash_kb,
                    "Flash size the chip reports and has, in KB (default 64; many C8 dies carry 128)");
    run->callback([options, &context] { context.exit_code = run_on_board(*options); });
#else
    (void)context;
#endif
}

}  // namespace hiltest::cli
