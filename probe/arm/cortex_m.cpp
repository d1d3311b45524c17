#include "probe/arm/cortex_m.hpp"

#include <algorithm>
#include <optional>

#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"

namespace hiltest::probe::arm {

CortexM::CortexM(TargetAccess& target, Clock& clock, CortexMOptions options)
    : target_(target), clock_(clock), options_(options)
{
}

CoreStatus CortexM::status() { return CoreStatus{target_.read_word(addr::kDhcsr)}; }

void CortexM::write_dhcsr(uint32_t control) { target_.write_word(addr::kDhcsr, dhcsr::kKey | control); }

void CortexM::enable_debug(bool keep_halted) { write_dhcsr(dhcsr::kDebugEn | (keep_halted ? dhcsr::kHalt : 0)); }

bool CortexM::wait_for_halt(Duration timeout)
{
    const auto deadline = clock_.now() + timeout;
    while (true) {
        if (status().halted()) return true;
        if (clock_.now() >= deadline) return false;
        clock_.sleep_for(options_.poll_interval);
    }
}

void CortexM::halt()
{
    write_dhcsr(dhcsr::kDebugEn | dhcsr::kHalt);
    if (!wait_for_halt(options_.halt_timeout)) {
        throw Error(ErrorKind::Timeout, "the core did not halt when asked",
                    "the core may be locked up or held in reset; try `hiltest reset --halt`");
    }
}

void CortexM::resume()
{
    clear_debug_fault_status();
    write_dhcsr(dhcsr::kDebugEn);
}

void CortexM::step()
{
    // C_MASKINTS only changes while halted: set it first so no interrupt handler is entered.
    write_dhcsr(dhcsr::kDebugEn | dhcsr::kHalt | dhcsr::kMaskInts);
    write_dhcsr(dhcsr::kDebugEn | dhcsr::kStep | dhcsr::kMaskInts);
    if (!wait_for_halt(options_.halt_timeout)) {
        throw Error(ErrorKind::Timeout, "the core did not stop after a single step");
    }
    write_dhcsr(dhcsr::kDebugEn | dhcsr::kHalt);
}

void CortexM::reset(ResetMethod method, bool halt_after)
{
    // A halted core stays halted through the reset (DHCSR survives a system reset): the old
    // firmware gets no chance to run, and perhaps take the SWD pins, before the reset.
    const bool was_halted = status().halted();
    write_dhcsr(dhcsr::kDebugEn | (was_halted ? dhcsr::kHalt : 0));
    const uint32_t old_demcr = target_.read_word(addr::kDemcr);
    const uint32_t catch_bits = halt_after ? demcr::kVcCoreReset : 0;
    target_.write_word(addr::kDemcr, (old_demcr & ~demcr::kVcCoreReset) | demcr::kTrcEna | catch_bits);
    status();  // reading DHCSR clears S_RESET_ST, so the next read shows only this reset
    clear_debug_fault_status();  // and DFSR then tells only what happened since
    std::optional<Error> request_error;
    if (method == ResetMethod::SysResetReq) {
        try {
            target_.write_word(addr::kAircr, kAircrSysResetReq);
        } catch (const Error& e) {
            // The write can be cut short by the reset it causes; whether it was is known only
            // once S_RESET_ST shows (or does not show) that the reset happened.
            if (e.kind() != ErrorKind::TargetFault && e.kind() != ErrorKind::TargetNotResponding) throw;
            request_error = e;
        }
    } else {
        ResetLineGuard line(target_);
        target_.set_reset_line(true);
        clock_.sleep_for(options_.nrst_pulse);
        line.release();
    }
    const auto deadline = clock_.now() + options_.halt_timeout;
    bool saw_reset = false;
    bool halted = false;
    try {
        while (true) {
            const CoreStatus s = status();
            saw_reset = saw_reset || s.reset_seen();
            halted = s.halted();
            if ((halt_after ? halted : true) && saw_reset) break;
            if (clock_.now() >= deadline) break;
            clock_.sleep_for(options_.poll_interval);
        }
        target_.write_word(addr::kDemcr, (old_demcr & ~demcr::kVcCoreReset) | demcr::kTrcEna);
    } catch (const Error& e) {
        // Released to run, the firmware may take the SWD pins (or sleep) at once: the reset
        // happened as asked and the link is gone. The next access reports it and the session
        // reconnects; a reset that should halt, though, has failed. So has one of a core kept
        // halted through the reset: no firmware ran to take the pins, the link itself failed,
        // and returning would leave the core halted at its reset vector, never let go below.
        if (halt_after || was_halted || e.kind() != ErrorKind::TargetNotResponding) throw;
        return;
    }
    // A request the link lost never reached the chip: no reset happened, and passing now would
    // leave the old firmware's state for a reset one.
    if (!saw_reset && request_error) throw *request_error;
    if (!saw_reset && method == ResetMethod::Nrst) {
        throw Error(ErrorKind::TargetNotResponding,
                    "the target did not reset when the ST-Link drove NRST: the reset line is "
                    "not connected (the Blue Pill's 4-pin SWD header has no NRST)",
                    "wire the ST-Link's RST pin to the board's R pin, or use the default "
                    "software reset");
    }
    if (halt_after && !halted) {
        throw Error(ErrorKind::Timeout, "the core did not halt at the reset vector",
                    "power-cycle the board and try again");
    }
    if (halt_after) {
        clear_debug_fault_status();
        return;
    }
    // A core that was halted before comes out of the reset still halted: let it run, as asked.
    // A BKPT the new firmware reached by itself (DFSR.BKPT, e.g. a semihosting call) is left
    // for the caller to see.
    if (halted && !(debug_fault_status() & dfsr::kBkpt)) write_dhcsr(dhcsr::kDebugEn);
}

void CortexM::reset_and_halt(ResetMethod method) { reset(method, true); }
void CortexM::reset_and_run(ResetMethod method) { reset(method, false); }

uint32_t CortexM::debug_fault_status() { return target_.read_word(addr::kDfsr); }
void CortexM::clear_debug_fault_status() { target_.write_word(addr::kDfsr, dfsr::kAll); }

uint32_t CortexM::read_register(CoreRegister reg) { return target_.read_core_register(static_cast<unsigned>(reg)); }

void CortexM::write_register(CoreRegister reg, uint32_t value)
{
    target_.write_core_register(static_cast<unsigned>(reg), value);
}

unsigned CortexM::breakpoint_slots()
{
    if (comparators_.empty()) {
        const uint32_t ctrl = target_.read_word(addr::kFpCtrl);
        const unsigned count = ((ctrl >> 8) & 0x70) | ((ctrl >> 4) & 0xF);
        comparators_.assign(count, std::nullopt);
    }
    return static_cast<unsigned>(comparators_.size());
}

void CortexM::set_breakpoint(uint32_t address)
{
    if (address >= 0x20000000) {
        throw Error(ErrorKind::Usage,
                    "cannot set a hardware breakpoint at " + hex(address) +
                        ": the FPB only matches code below 0x20000000");
    }
    breakpoint_slots();
    const uint32_t aligned = address & ~1u;
    if (std::find(comparators_.begin(), comparators_.end(), aligned) != comparators_.end()) return;
    auto slot = std::find(comparators_.begin(), comparators_.end(), std::nullopt);
    if (slot == comparators_.end()) {
        throw Error(ErrorKind::Usage,
                    "all " + std::to_string(comparators_.size()) + " hardware breakpoints are in use",
                    "remove a breakpoint first");
    }
    // FPB rev 1: match the word, REPLACE picks the half-word that holds the instruction.
    const uint32_t replace = (aligned & 2) ? 0x80000000u : 0x40000000u;
    const uint32_t value = (aligned & 0x1FFFFFFCu) | replace | 1u;
    const auto index = static_cast<uint32_t>(slot - comparators_.begin());
    target_.write_word(addr::kFpCtrl, 0x3);
    target_.write_word(addr::kFpComp0 + 4 * index, value);
    *slot = aligned;
}

void CortexM::clear_breakpoint(uint32_t address)
{
    const uint32_t aligned = address & ~1u;
    auto slot = std::find(comparators_.begin(), comparators_.end(), aligned);
    if (slot == comparators_.end()) return;
    target_.write_word(addr::kFpComp0 + 4 * static_cast<uint32_t>(slot - comparators_.begin()), 0);
    *slot = std::nullopt;
}

void CortexM::clear_all_breakpoints()
{
    const unsigned count = breakpoint_slots();
    for (unsigned i = 0; i < count; ++i) {
        target_.write_word(addr::kFpComp0 + 4 * i, 0);
        comparators_[i] = std::nullopt;
    }
}

bool CortexM::run_to(uint32_t address, Duration timeout)
{
    set_breakpoint(address);
    resume();
    const bool halted = wait_for_halt(timeout);
    if (!halted) halt();
    clear_breakpoint(address);
    return halted && (read_register(CoreRegister::PC) & ~1u) == (address & ~1u);
}

void CortexM::enable_low_power_debug()
{
    const uint32_t current = target_.read_word(addr::kDbgmcuCr);
    if (!saved_dbgmcu_cr_) saved_dbgmcu_cr_ = current;
    if ((current & kDbgmcuLowPowerDebug) != kDbgmcuLowPowerDebug) {
        target_.write_word(addr::kDbgmcuCr, current | kDbgmcuLowPowerDebug);
    }
}

void CortexM::restore_low_power_debug()
{
    if (!saved_dbgmcu_cr_) return;
    target_.write_word(addr::kDbgmcuCr, *saved_dbgmcu_cr_);
    saved_dbgmcu_cr_.reset();
}

}  // namespace hiltest::probe::arm
