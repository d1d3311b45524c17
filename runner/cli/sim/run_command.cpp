// `hiltest sim run`: run firmware on the simulated Blue Pill without a probe.
//   hiltest sim run IMAGE --for DURATION [--vcd FILE [--pins PA0,…]] [--uart] [--uart-input PORT=FILE]…
//                   [--i2c-device BUS:ADDRESS:DEVICE]… [--flash-state FILE] [--ignore-faults] [--seed N] [--flash-kb N]
//                   [--semihosting-cmdline TEXT] [--semihosting-stdin FILE]
// The run goes in slices of simulated time; between slices it looks at Ctrl-C and at the core
// (fault handler, lockup), so an interrupted run still writes its VCD and summary.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fixtures/bluepill/rig/rig.hpp"
#include "fixtures/bluepill/soc/board.hpp"
#include "fixtures/bluepill/soc/flash_state_file.hpp"
#include "fixtures/bluepill/soc/vcd_writer.hpp"
#include "image/image_file.hpp"
#include "probe/base/error.hpp"
#include "reports/atomic_file.hpp"
#include "reports/output_path.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/interrupt.hpp"
#include "runner/cli/options/duration_option.hpp"
#include "runner/cli/sim/input_file.hpp"
#include "runner/cli/sim/run_report.hpp"
#include "runner/cli/sim/sim_backend_options.hpp"
#include "runner/cli/sim/i2c_device_option.hpp"
#include "runner/cli/sim/uart_input.hpp"

namespace hiltest::cli {

namespace {

using namespace hiltest::sim;

struct RunOptions {
    std::string image;
    std::chrono::nanoseconds duration = std::chrono::seconds(1);
    std::string vcd;
    std::vector<PinId> pins;  // --pins PA0,PC13: exactly these in the VCD
    std::string flash_state;
    bool uart = false;
    std::vector<UartInput> uart_inputs;  // --uart-input uart1=FILE: fed into RX from the start
    std::vector<sim::I2cDeviceSpec> i2c_devices;  // --i2c-device i2c1:0x50:24c02
    bool ignore_faults = false;
    uint64_t seed = 1;
    uint32_t flash_kb = 64;
    armv7m::semihosting::Config semihosting;  // the command line and stdin the firmware is given
};

// Simulated time between two looks at the interrupt flag and the core's fault state: short
// enough that Ctrl-C answers at once, long enough that looking costs nothing.
constexpr uint64_t kSliceNs = 10'000'000;

struct SlicedRun {
    bool exited = false;       // the firmware ended the run through semihosting
    bool interrupted = false;  // Ctrl-C / SIGTERM
    std::optional<FirmwareFault> fault;  // the first fault seen
};

SlicedRun run_in_slices(Board& board, uint64_t duration, const std::atomic<bool>& interrupted)
{
    SlicedRun run;
    const uint64_t end = board.now_ns() + duration;
    while (true) {
        if (!run.fault) run.fault = firmware_fault(board);
        if (interrupted) {
            run.interrupted = true;
            break;
        }
        if (board.now_ns() >= end) break;
        if (board.run_for(std::min(kSliceNs, end - board.now_ns())) == RunResult::SemihostingExit) {
            run.exited = true;
            break;
        }
    }
    if (!run.fault) run.fault = firmware_fault(board);
    return run;
}

std::vector<PinId> parse_pins(const std::vector<std::string>& names)
{
    std::vector<PinId> pins;
    for (const std::string& name : names) {
        const std::optional<PinId> pin = PinId::parse(name);
        if (!pin)
            throw Error(ErrorKind::Usage, "--pins: '" + name + "' is not a pin of the simulated Blue Pill",
                        "pins are PA0 … PE15 (ports A to E, pins 0 to 15), e.g. --pins PA0,PC13");
        if (std::find(pins.begin(), pins.end(), *pin) == pins.end()) pins.push_back(*pin);
    }
    return pins;
}

// Each port that transmitted: its text (--uart) or its size; input the receiver never took.
void print_uarts(std::ostream& out, const Board& board, const RunOptions& options)
{
    for (unsigned port = 1; port <= Stm32f103::kUsarts; ++port) {
        const std::string& text = board.uart_text(port);
        const std::string name = "USART" + std::to_string(port);
        if (options.uart && (port == 1 || !text.empty())) {
            out << "uart (" << name << " TX, " << text.size() << " bytes):\n" << text;
            if (!text.empty() && text.back() != '\n') out << "\n";
        } else if (!text.empty()) {
            out << "uart: " << text.size() << " bytes on " << name << " TX (show them with --uart)\n";
        }
        const std::size_t queued = board.chip().usart(port).queued();
        if (queued > 0)
            out << "uart input: " << queued << " bytes still queued on the " << name
                << " RX line at the end (it sends only while UE and RE are set)\n";
    }
}

// Writes what must outlive the run (VCD, flash state); a failure is printed and becomes the
// exit code, after the others were still written.
int write_outputs(const RunOptions& options, Board& board)
{
    int code = kExitOk;
    const auto report = [&code](const Error& e) {
        std::cerr << "hiltest: error: " << e.what() << "\n";
        if (!e.remedy().empty()) std::cerr << "  what to do: " << e.remedy() << "\n";
        code = most_urgent(code, exit_code_for(e.kind()));
    };
    if (!options.vcd.empty()) {
        VcdOptions vcd;
        vcd.end_ns = board.now_ns();
        vcd.pins = options.pins;
        try {
            reports::write_file_atomically(options.vcd,
                                           [&](std::ostream& out) { write_vcd(out, board.pin_trace(), vcd); });
            const std::size_t traced = vcd_pins(board.pin_trace(), vcd).size();
            std::cout << "pin trace: " << options.vcd << " (VCD, " << traced
                      << (traced == 1 ? " pin" : " pins") << ", timescale " << format_ns(double(vcd_timescale_ns(vcd.end_ns))) << ")\n";
        } catch (const Error& e) {
            report(e);
        }
    }
    if (!options.flash_state.empty()) {
        try {
            save_flash_state(options.flash_state, board.flash_storage());
            std::cout << "flash state saved: " << options.flash_state << "\n";
        } catch (const Error& e) {
            report(e);
        }
    }
    return code;
}

int run_on_board(const RunOptions& options)
{
    const auto duration = static_cast<uint64_t>(options.duration.count());
    if (options.image.empty() && options.flash_state.empty())
        throw Error(ErrorKind::Usage, "nothing to run: no IMAGE and no --flash-state",
                    "pass a firmware image (.elf, .hex or .bin)");
    if (!options.pins.empty() && options.vcd.empty())
        throw Error(ErrorKind::Usage, "--pins chooses the pins of the VCD trace, and there is no --vcd",
                    "add --vcd FILE");
    // Found now, not after a long run: outputs that cannot be written.
    if (!options.vcd.empty()) reports::check_output_file(options.vcd, "--vcd");
    check_flash_state_path(options.flash_state);

    // The rig's board, with no probe in front of it: the board answers semihosting itself.
    RigConfig rig;
    rig.seed = options.seed;
    rig.flash_size = options.flash_kb * 1024;
    rig.flash_state = options.flash_state;
    rig.i2c_devices = options.i2c_devices;
    if (!options.image.empty()) rig.firmware = image::load_image(options.image);
    BoardConfig config = board_config(rig);
    config.service_semihosting = true;
    config.semihosting = options.semihosting;
    Board board(config);
    for (const UartInput& input : options.uart_inputs) board.uart_feed(input.port, input.bytes);

    // Before the first line: a Ctrl-C after it is always seen.
    const std::atomic<bool>& interrupted = stop_runs_on_interrupt();
    std::cout << "hiltest sim run: " << (options.image.empty() ? options.flash_state : options.image)
              << " on a simulated Blue Pill (STM32F103C8, seed " << options.seed << ") for "
              << format_ns(double(duration)) << "\n"
              << std::flush;
    const SlicedRun run = run_in_slices(board, duration, interrupted);
    if (run.interrupted) std::cout << "interrupted: the summary so far\n";
    std::cout << "simulated time: " << format_ns(double(board.now_ns())) << "\n";

    print_pins(std::cout, board);
    print_uarts(std::cout, board, options);
    const std::string& semihosting = board.semihosting_output();
    if (!semihosting.empty()) {
        std::cout << "semihosting output:\n" << semihosting;
        if (semihosting.back() != '\n') std::cout << "\n";
    }
    print_resets(std::cout, board);
    print_final_state(std::cout, board);
    print_fidelity(std::cout, board);

    int code = kExitOk;
    if (run.fault) {
        std::cout << "firmware fault: " << describe(*run.fault)
                  << (options.ignore_faults ? " (ignored: --ignore-faults)" : "") << "\n";
        if (!options.ignore_faults) code = kExitTestFailed;
    }
    if (run.exited) {
        const bool succeeded = semihosting_exit_succeeded(board);
        std::cout << "firmware exited through semihosting with " << describe_semihosting_exit(board)
                  << (succeeded ? "" : ": a failure exit") << "\n";
        if (!succeeded) code = kExitTestFailed;
    }
    code = most_urgent(code, write_outputs(options, board));
    std::cout << std::flush;
    return run.interrupted ? kExitInterrupted : code;
}

}  // namespace

void add_sim_run_command(CLI::App& sim, CommandContext& context)
{
    auto options = std::make_shared<RunOptions>();
    CLI::App* run = sim.add_subcommand(
        "run",
        "Run an image for a while and report what its pins, UART and core did.\n"
        "Exit code: " + std::to_string(kExitOk) + " when the run went well; " + std::to_string(kExitTestFailed) +
            " when the firmware faulted (HardFault, MemManage,\n"
            "BusFault, UsageFault, or a fault status it returned from) or locked up, or exited through\n"
            "semihosting with a failure (SYS_EXIT with a reason other than ADP_Stopped_ApplicationExit,\n"
            "or SYS_EXIT_EXTENDED with another reason or a non-zero status); " + std::to_string(kExitUsage) +
            " for a bad image or\n"
            "command line or a --vcd / --flash-state path that cannot be written (checked first);\n" +
            std::to_string(kExitInterrupted) +
            " after Ctrl-C or SIGTERM, which stop the run and still print the summary and write the\n"
            "VCD and flash state.");
    run->add_option("IMAGE", options->image, "Firmware: .elf, .hex or .bin (loaded at 0x08000000)");
    add_duration_option(*run, "--for", options->duration, "Simulated time to run: 3s, 500ms, 2.5s … (default 1s)");
    run->add_option("--vcd", options->vcd,
                    "Write the pin trace as a VCD file (GTKWave, sigrok): every pin the firmware drove as an\n"
                    "output or alternate-function output, `z` while nobody drives it");
    run->add_option_function<std::vector<std::string>>(
           "--pins", [&pins = options->pins](const std::vector<std::string>& names) { pins = parse_pins(names); },
           "With --vcd: trace exactly these pins instead, e.g. PA0,PC13 (PA0 … PE15)")
        ->delimiter(',')
        ->allow_extra_args(false);  // `--pins PA0 fw.elf`: fw.elf is the image, not a pin
    run->add_flag("--uart", options->uart, "Print the text sent on each USART (USART1 always)");
    run->add_option_function<std::vector<std::string>>(
           "--uart-input",
           [&inputs = options->uart_inputs](const std::vector<std::string>& specs) {
               for (const std::string& spec : specs) inputs.push_back(parse_uart_input(spec));
           },
           "PORT=FILE: send FILE's bytes into that port's RX line (uart1, uart2, uart3) at its baud\n"
           "rate, back to back, from the start of the run while its receiver is on (UE, RE); repeatable")
        ->allow_extra_args(false);
    run->add_option_function<std::vector<std::string>>(
           "--i2c-device",
           [&devices = options->i2c_devices](const std::vector<std::string>& specs) {
               for (const std::string& spec : specs) devices.push_back(parse_i2c_device_option(spec));
           },
           "BUS:ADDRESS:DEVICE: put a device on an I2C bus (i2c1, i2c2), at a 7-bit address, e.g.\n"
           "i2c1:0x50:24c02 (devices: 24c02, nack); repeatable. Without any, every address NACKs")
        ->allow_extra_args(false);
    run->add_option("--flash-state", options->flash_state,
                    "Load the board's flash and option bytes from FILE (if it exists) and save them back");
    run->add_flag("--ignore-faults", options->ignore_faults,
                  "Exit " + std::to_string(kExitOk) +
                      " even if the firmware faulted or locked up (the summary still says so), as sim run\n"
                      "did before faults failed it; a semihosting failure exit still exits " +
                      std::to_string(kExitTestFailed));
    run->add_option("--seed", options->seed,
                    "Seed for the chip's unique ID and power-on SRAM content (default 1)");
    run->add_option_function<uint32_t>(
           "--flash-kb",
           [&flash_kb = options->flash_kb](uint32_t kb) {
               if (kb == 0 || kb > 512)
                   throw Error(ErrorKind::Usage, "--flash-kb " + std::to_string(kb) + " is not a flash size",
                               "use 64 (C8) or 128 (CB)");
               flash_kb = kb;
           },
           "Flash size the chip reports and has, in KB (default 64; many C8 dies carry 128)");
    run->add_option("--semihosting-cmdline", options->semihosting.command_line,
                    "The command line SYS_GET_CMDLINE gives the firmware (default empty)");
    run->add_option_function<std::string>(
        "--semihosting-stdin",
        [&semihosting = options->semihosting](const std::string& path) { semihosting.stdin_text = read_input_file(path, "--semihosting-stdin"); },
        "The firmware's semihosting stdin (SYS_READ, SYS_READC on \":tt\"): FILE's bytes, then end of file");
    run->callback([options, &context] { context.exit_code = run_on_board(*options); });
}

}  // namespace hiltest::cli
