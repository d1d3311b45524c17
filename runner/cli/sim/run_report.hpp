#pragma once
// What `hiltest sim run` prints about a run on the simulated Blue Pill: pins, core state,
// faults and the semihosting exit, in the user's terms (sim_commands.cpp runs the board).
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "fixtures/bluepill/soc/board.hpp"

namespace hiltest::cli {

std::string format_ns(double ns);  // "1.5 s", "250 us", "12 ns"

// The firmware in trouble, as seen between two slices of the run.
struct FirmwareFault {
    uint64_t seen_at_ns = 0;
    bool lockup = false;  // a fault while handling a fault: the core stopped
    uint32_t ipsr = 0;    // the exception it was in (3 HardFault … 6 UsageFault), 0 for a lockup
    uint32_t cfsr = 0, hfsr = 0;
};

// The core locked up, is in a fault handler (HardFault, MemManage, BusFault, UsageFault), or
// the sticky fault status registers (CFSR, HFSR) show a fault it returned from; else nothing.
std::optional<FirmwareFault> firmware_fault(sim::Board& board);
std::string describe(const FirmwareFault& fault);  // "HardFault (CFSR 0x02000000 (DIVBYZERO), …)"

// True for what ARM's semihosting calls success: SYS_EXIT with ADP_Stopped_ApplicationExit,
// or SYS_EXIT_EXTENDED with ApplicationExit and status 0.
bool semihosting_exit_succeeded(const sim::Board& board);
// "status 0 (ADP_Stopped_ApplicationExit)", "status 1 (ADP_Stopped_RunTimeErrorUnknown, 0x20023)"
std::string describe_semihosting_exit(const sim::Board& board);

void print_pins(std::ostream& out, sim::Board& board);
void print_final_state(std::ostream& out, sim::Board& board);
// The resets other than the first power-on, one line each.
void print_resets(std::ostream& out, const sim::Board& board);
// Once per register the firmware used that the model does not implement; nothing when none.
void print_fidelity(std::ostream& out, const sim::Board& board);

}  // namespace hiltest::cli
