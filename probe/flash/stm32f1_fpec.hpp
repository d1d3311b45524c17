#pragma once
// The STM32F1 flash program/erase controller driven directly through the debug port: unlock,
// lock, page erase, half-word programming, option bytes and read-out protection. The RAM loader
// does the bulk work faster; this is what sets it up, cleans up after it, and the fallback when
// it cannot run. Waits go through the Clock (simulated on the virtual bench).
#include <cstdint>
#include <span>

#include "probe/arm/target_access.hpp"
#include "probe/base/clock.hpp"

namespace hiltest::probe::flash {

namespace fpec {
inline constexpr uint32_t kBase = 0x40022000;
inline constexpr uint32_t kAcr = kBase + 0x00, kKeyr = kBase + 0x04, kOptKeyr = kBase + 0x08, kSr = kBase + 0x0C,
                          kCr = kBase + 0x10, kAr = kBase + 0x14, kObr = kBase + 0x1C, kWrpr = kBase + 0x20;
inline constexpr uint32_t kKey1 = 0x45670123, kKey2 = 0xCDEF89AB;
inline constexpr uint32_t kSrBsy = 1u << 0, kSrPgErr = 1u << 2, kSrWrprtErr = 1u << 4, kSrEop = 1u << 5;
inline constexpr uint32_t kSrErrors = kSrPgErr | kSrWrprtErr;
inline constexpr uint32_t kCrPg = 1u << 0, kCrPer = 1u << 1, kCrMer = 1u << 2, kCrOptPg = 1u << 4,
                          kCrOptEr = 1u << 5, kCrStrt = 1u << 6, kCrLock = 1u << 7, kCrOptWre = 1u << 9;
inline constexpr uint32_t kObrRdprt = 1u << 1;
inline constexpr uint32_t kOptionBytes = 0x1FFFF800;
inline constexpr uint16_t kRdpUnprotected = 0x00A5;
}  // namespace fpec

// Datasheet times (docs/chip-facts.md, "Flash timings"): what waits are planned on before the
// first poll, and the limits after which the controller is declared stuck.
struct FpecTiming {
    Duration program_typical = std::chrono::nanoseconds(52'500);
    Duration page_erase_typical = std::chrono::milliseconds(20);
    Duration mass_erase_typical = std::chrono::milliseconds(20);
    Duration poll_interval = std::chrono::microseconds(500);
    Duration operation_timeout = std::chrono::milliseconds(500);
};

class Stm32f1Fpec {
public:
    Stm32f1Fpec(arm::TargetAccess& target, Clock& clock, FpecTiming timing = {});

    uint32_t status() { return target_.read_word(fpec::kSr); }
    uint32_t control() { return target_.read_word(fpec::kCr); }
    uint32_t option_bytes_register() { return target_.read_word(fpec::kObr); }
    uint32_t write_protection_register() { return target_.read_word(fpec::kWrpr); }
    bool read_protected() { return option_bytes_register() & fpec::kObrRdprt; }

    // Keys into KEYR when CR.LOCK is set. Throws FlashProtected when the FPEC stays locked
    // (a wrong key sequence earlier locks it until the next reset).
    void unlock();
    void lock();  // CR = LOCK (clears PG/PER/… too)
    // Waits for a previous operation, clears PGERR/WRPRTERR/EOP and CR's operation bits.
    void prepare();

    // Page erase at `address` (any address inside the page).
    void erase_page(uint32_t address);
    void mass_erase();
    // Direct half-word programming through the debug port (the fallback): even address and
    // length; 0xFFFF half-words are skipped. The FPEC must be unlocked and the range erased.
    void program(uint32_t address, std::span<const uint8_t> data);

    // RDP level 1 -> 0: erases the option bytes (the chip mass-erases its flash), programs
    // RDP = 0xA5. Takes effect after the next system reset, which the caller performs.
    void remove_read_protection();

    // Polls SR until BSY clears, first waiting `expected`. Returns SR. Throws ProgramError
    // (timeout) naming `what` when BSY stays set.
    uint32_t wait_idle(Duration expected, const char* what);
    // Throws ProgramError / FlashProtected for PGERR / WRPRTERR in `sr`, naming `address`.
    static void check_status(uint32_t sr, uint32_t address, const char* what);

    const FpecTiming& timing() const { return timing_; }

private:
    arm::TargetAccess& target_;
    Clock& clock_;
    FpecTiming timing_;
};

}  // namespace hiltest::probe::flash
