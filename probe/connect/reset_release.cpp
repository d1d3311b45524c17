#include "probe/connect/reset_release.hpp"

#include "probe/arm/cortex_m_registers.hpp"

namespace hiltest::probe::connect {
namespace {

std::string duration_text(Duration d)
{
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

bool looks_held(const arm::CoreStatus& s) { return s.reset_seen() && !s.halted(); }

}  // namespace

bool held_in_reset(arm::CortexM& core, const arm::CoreStatus& first)
{
    return looks_held(first) && looks_held(core.status());
}

bool halt_as_reset_ends(arm::CortexM& core, Clock& clock, const ResetReleaseWait& wait)
{
    arm::TargetAccess& target = core.target();
    // The debug registers are not reset by NRST: what is written now takes effect as the core
    // leaves reset, before the firmware's first instruction.
    target.write_word(arm::addr::kDhcsr, arm::dhcsr::kKey | arm::dhcsr::kDebugEn | arm::dhcsr::kHalt);
    target.write_word(arm::addr::kDemcr, arm::demcr::kTrcEna | arm::demcr::kVcCoreReset);
    if (wait.note) wait.note(kReleaseResetNote);
    const auto deadline = clock.now() + wait.window;
    bool running = false;
    while (true) {
        const arm::CoreStatus s = core.status();
        if (s.halted()) break;
        if (!s.reset_seen()) {  // out of reset (S_RESET_ST read clear) but not caught
            running = true;
            break;
        }
        if (clock.now() >= deadline) {
            // Let go of the board as it was: when the button is released at last, the firmware
            // starts instead of a core that stays halted with nobody attached.
            target.write_word(arm::addr::kDemcr, arm::demcr::kTrcEna);
            target.write_word(arm::addr::kDhcsr, arm::dhcsr::kKey | arm::dhcsr::kDebugEn);
            return false;
        }
        clock.sleep_for(wait.poll_interval);
    }
    target.write_word(arm::addr::kDemcr, arm::demcr::kTrcEna);
    if (running) core.halt();
    return true;
}

Error stayed_in_reset_error(Duration window)
{
    return Error(ErrorKind::Timeout,
                 "the core stayed in reset for " + duration_text(window) +
                     ": release the RESET button when asked (hiltest said \"" + kReleaseResetNote +
                     "\", and something still held the board's NRST low)",
                 "hold the board's RESET button, start the command again and let go when hiltest says so; if "
                 "nobody holds it, check what pulls the board's R pin low (a stuck button, the ST-Link's RST pin)");
}

}  // namespace hiltest::probe::connect
