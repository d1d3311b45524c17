#include "runner/cli/sim/run_report.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "arch/armv7m/fault_status.hpp"
#include "arch/armv7m/semihosting_exit.hpp"
#include "fixtures/bluepill/soc/fault_status.hpp"
#include "probe/base/hex.hpp"

namespace hiltest::cli {

using namespace hiltest::sim;

namespace {

constexpr uint32_t kHardFault = 3, kUsageFault = 6;  // exception numbers 3…6 are the faults
constexpr PinId kLed{2, 13};

uint32_t read_word(CortexM3& core, uint32_t address)
{
    uint32_t value = 0;
    core.debug_read(address, 4, value);
    return value;
}

const char* cause_name(ResetCause cause)
{
    switch (cause) {
        case ResetCause::PowerOn: return "power-on";
        case ResetCause::Pin: return "NRST pin";
        case ResetCause::Software: return "software (SYSRESETREQ)";
        case ResetCause::Watchdog: return "independent watchdog";
        case ResetCause::StandbyExit: return "wake-up from Standby";
    }
    return "?";
}

std::string fault_registers(uint32_t cfsr, uint32_t hfsr)
{
    return "CFSR " + hex(cfsr) + " (" + decode_cfsr(cfsr) + "), HFSR " + hex(hfsr) + " (" + decode_hfsr(hfsr) + ")";
}

}  // namespace

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

std::optional<FirmwareFault> firmware_fault(Board& board)
{
    if (!board.power()) return std::nullopt;
    CortexM3& core = board.core();
    FirmwareFault fault;
    fault.seen_at_ns = board.now_ns();
    fault.lockup = core.state() == RunState::Lockup;
    const uint32_t ipsr = core.read_register(16) & 0x1FFu;
    fault.ipsr = ipsr >= kHardFault && ipsr <= kUsageFault ? ipsr : 0;
    fault.cfsr = read_word(core, armv7m::kCfsrAddress);
    fault.hfsr = read_word(core, armv7m::kHfsrAddress);
    if (!fault.lockup && fault.ipsr == 0 && fault.cfsr == 0 && fault.hfsr == 0) return std::nullopt;
    return fault;
}

std::string describe(const FirmwareFault& fault)
{
    std::string text = fault.lockup   ? std::string("lockup (a fault while handling a fault)")
                       : fault.ipsr   ? exception_name(fault.ipsr)
                                      : std::string("a fault the firmware returned from");
    if (fault.cfsr || fault.hfsr) text += ", " + fault_registers(fault.cfsr, fault.hfsr);
    return text + ", seen at " + format_ns(double(fault.seen_at_ns));
}

bool semihosting_exit_succeeded(const Board& board)
{
    return board.exit_reason() == SemihostingHost::kApplicationExit && board.exit_status() == 0;
}

std::string describe_semihosting_exit(const Board& board)
{
    return armv7m::semihosting::describe_exit(board.exit_status().value_or(1), board.exit_reason());
}

void print_pins(std::ostream& out, Board& board)
{
    const PinTrace& trace = board.pin_trace();
    const PinActivity activity = trace.activity(kLed);
    out << "pins:\n  PC13 (LED, active low): " << activity.toggles << " toggle" << (activity.toggles == 1 ? "" : "s");
    if (activity.period_ns) {
        char frequency[32];
        std::snprintf(frequency, sizeof frequency, "%.4g Hz", 1e9 / *activity.period_ns);
        out << ", period " << format_ns(*activity.period_ns) << " (" << frequency << ")";
        out << ", half-periods " << format_ns(double(*activity.shortest_half_period_ns)) << " to "
            << format_ns(double(*activity.longest_half_period_ns));
    }
    if (activity.first_toggle_ns) out << ", first toggle at " << format_ns(double(*activity.first_toggle_ns));
    // An LED to 3.3 V lights only while the pin actively drives low.
    const bool driven = board.chip().gpio(kLed.port).driver(kLed.pin) != PinDriver::None;
    out << ", now "
        << (!driven                 ? "not driven (input, LED off)"
            : board.pin_level(kLed) ? "high (LED off)"
                                    : "low (LED on)")
        << "\n";
    // Every other pin the firmware drove or that changed level.
    std::vector<PinId> pins = trace.pins_driven_by_chip();
    for (const PinId pin : trace.pins_seen())
        if (std::find(pins.begin(), pins.end(), pin) == pins.end()) pins.push_back(pin);
    std::sort(pins.begin(), pins.end(), [](PinId a, PinId b) { return a.port != b.port ? a.port < b.port : a.pin < b.pin; });
    for (const PinId pin : pins) {
        if (pin == kLed) continue;
        const PinActivity other = trace.activity(pin);
        const bool now_driven = board.chip().gpio(pin.port).driver(pin.pin) != PinDriver::None;
        out << "  " << pin.name() << ": " << other.toggles << " change" << (other.toggles == 1 ? "" : "s") << ", now "
            << (!now_driven ? "not driven" : board.pin_level(pin) ? "high" : "low") << "\n";
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
        case RunState::Running: out << "running"; break;
        case RunState::Sleeping:
            switch (board.chip().power_mode()) {
                case sim::Stm32f103::PowerMode::Stop: out << "in Stop mode (WFI/WFE with SLEEPDEEP)"; break;
                case sim::Stm32f103::PowerMode::Standby: out << "in Standby mode (PDDS)"; break;
                default: out << "sleeping (WFI/WFE)"; break;
            }
            break;
        case RunState::Halted: out << "halted"; break;
        case RunState::Lockup: out << "LOCKED UP (fault while handling a fault)"; break;
    }
    const uint32_t ipsr = core.read_register(16) & 0x1FFu;
    out << ", HCLK " << board.chip().hclk_hz() / 1e6 << " MHz, PC " << hex(core.read_register(15)) << " in "
        << exception_name(ipsr) << ", " << core.instructions_retired() << " instructions\n";
    const uint32_t cfsr = read_word(core, armv7m::kCfsrAddress), hfsr = read_word(core, armv7m::kHfsrAddress);
    if (cfsr || hfsr) {
        out << "fault status: " << fault_registers(cfsr, hfsr);
        if (cfsr & armv7m::cfsr::kMmarvalid) out << ", MMFAR " << hex(read_word(core, armv7m::kMmfarAddress));
        if (cfsr & armv7m::cfsr::kBfarvalid) out << ", BFAR " << hex(read_word(core, armv7m::kBfarAddress));
        out << "\n";
    }
}

void print_resets(std::ostream& out, const Board& board)
{
    for (const ResetEvent& reset : board.resets())
        if (reset.cause != ResetCause::PowerOn || reset.time_ns != 0)
            out << "reset: " << cause_name(reset.cause) << " at " << format_ns(double(reset.time_ns)) << "\n";
}

void print_fidelity(std::ostream& out, const Board& board)
{
    const sim::FidelityLog& log = board.fidelity();
    if (log.empty()) return;
    out << "fidelity warning: the firmware used registers the simulator does not model; what depends on them\n"
           "  is not what a real STM32F103 would do (docs/simulator-coverage.md):\n";
    for (const sim::FidelityNote& note : log.notes()) out << "  " << sim::FidelityLog::describe(note) << "\n";
    if (log.unlisted() > 0) out << "  … and " << log.unlisted() << " more registers, not listed\n";
}

}  // namespace hiltest::cli
