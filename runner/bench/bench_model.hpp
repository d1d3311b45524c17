#pragma once
// A bench file (docs/bench-format.md): the boards attached to one host, how to reach each one
// (probe selector), how it is wired (NRST) and the commands that switch it (hooks).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "probe/base/probe_selector.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::bench {

// The stimulus hooks (SetPin, UartSend, SetAnalog) carry out a suite's set_pin / uart_send /
// set_analog steps on a real board (a relay, a signal generator, a USB-serial adapter).
enum class HookKind { Before, After, PowerCycle, SetPin, UartSend, SetAnalog };

// "before", "after", "power_cycle", "set_pin", "uart_send", "set_analog": the bench file's key,
// and for a stimulus hook the suite's step kind.
std::string_view to_string(HookKind kind);

struct HookSpec {
    std::string command;  // a shell command line, run through /bin/sh -c
    std::chrono::milliseconds timeout{60'000};
    std::chrono::milliseconds settle{0};  // power_cycle: wait after the command before connecting
};

// A power_cycle hook with the defaults a bench file gets when it names only the command: the
// switch may take a while (a hub re-enumerating), and the board's regulator and power-on reset
// need half a second before the chip answers.
inline HookSpec power_cycle_hook(std::string command)
{
    return {std::move(command), std::chrono::seconds(20), std::chrono::milliseconds(500)};
}

// Only for probe "sim": how the in-process simulated Blue Pill starts out.
struct SimulatedBoardSpec {
    std::optional<std::uint64_t> seed;
    std::vector<std::string> faults;
    std::optional<std::uint32_t> dpidr;
    std::string serial;       // the virtual ST-Link's USB serial
    std::string firmware;     // image already in flash before the run (absolute path or empty)
    std::string flash_state;  // file that keeps the flash between runs (absolute path or empty)
    std::optional<std::chrono::milliseconds> reset_button;  // RESET button held from power-on; unset: the suite's
};

struct BoardSpec {
    std::string name;
    probe::ProbeSelector probe;
    std::string target;  // declared chip, empty = the suite's
    std::optional<bool> nrst_wired;
    std::optional<HookSpec> before;
    std::optional<HookSpec> after;
    std::optional<HookSpec> power_cycle;
    std::optional<HookSpec> set_pin, uart_send, set_analog;
    SimulatedBoardSpec simulated;
    // The serial ports wired to this board's USARTs (the suite's "uart" is used when empty).
    std::vector<suite::SerialPortSpec> uart;
    suite::SourceLocation location;

    bool is_simulated() const { return probe.is_simulated(); }
    const std::optional<HookSpec>& hook(HookKind kind) const;
};

struct Bench {
    std::string name;
    std::string description;
    std::filesystem::path file;
    std::vector<BoardSpec> boards;

    // Hooks run in the bench file's folder, so a bench can keep its scripts next to it.
    std::filesystem::path directory() const;
};

}  // namespace hiltest::bench
