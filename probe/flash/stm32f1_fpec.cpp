#include "probe/flash/stm32f1_fpec.hpp"

#include <algorithm>
#include <vector>

#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"
#include "probe/flash/image.hpp"

namespace hiltest::probe::flash {

Stm32f1Fpec::Stm32f1Fpec(arm::TargetAccess& target, Clock& clock, FpecTiming timing)
    : target_(target), clock_(clock), timing_(timing)
{
}

void Stm32f1Fpec::unlock()
{
    if (!(control() & fpec::kCrLock)) return;
    target_.write_word(fpec::kKeyr, fpec::kKey1);
    target_.write_word(fpec::kKeyr, fpec::kKey2);
    if (control() & fpec::kCrLock) {
        throw Error(ErrorKind::FlashProtected, "the flash controller stayed locked after the unlock keys",
                    "a wrong key sequence locks it until the next reset: reset the target and flash again");
    }
}

void Stm32f1Fpec::lock()
{
    target_.write_word(fpec::kCr, fpec::kCrLock);
}

void Stm32f1Fpec::prepare()
{
    if (status() & fpec::kSrBsy) wait_idle(Duration::zero(), "a previous flash operation");
    target_.write_word(fpec::kSr, fpec::kSrErrors | fpec::kSrEop);
    target_.write_word(fpec::kCr, 0);
}

uint32_t Stm32f1Fpec::wait_idle(Duration expected, const char* what)
{
    if (expected > Duration::zero()) clock_.sleep_for(expected);
    const TimePoint deadline = clock_.now() + timing_.operation_timeout;
    while (true) {
        const uint32_t sr = status();
        if (!(sr & fpec::kSrBsy)) return sr;
        if (clock_.now() >= deadline) {
            throw Error(ErrorKind::ProgramError, std::string("the flash controller stayed busy (BSY) during ") + what,
                        "power-cycle the board; if it persists the flash may be worn out or the HSI oscillator off");
        }
        clock_.sleep_for(timing_.poll_interval);
    }
}

void Stm32f1Fpec::check_status(uint32_t sr, uint32_t address, const char* what)
{
    if (sr & fpec::kSrWrprtErr) {
        throw Error(ErrorKind::FlashProtected,
                    std::string("the flash controller refused ") + what + " at " + hex(address) +
                        ": the page is write-protected (WRPRTERR)",
                    "remove the write protection (option bytes WRP0-3), e.g. with `--unlock`, then flash again");
    }
    if (sr & fpec::kSrPgErr) {
        throw Error(ErrorKind::ProgramError,
                    std::string("the flash controller reported a programming error (PGERR) during ") + what + " at " +
                        hex(address) + ": the half-word was not erased",
                    "flash again without --no-skip so the page is erased first; if it persists, mass-erase the chip");
    }
}

void Stm32f1Fpec::erase_page(uint32_t address)
{
    prepare();
    target_.write_word(fpec::kCr, fpec::kCrPer);
    target_.write_word(fpec::kAr, address);
    target_.write_word(fpec::kCr, fpec::kCrPer | fpec::kCrStrt);
    const uint32_t sr = wait_idle(timing_.page_erase_typical, "a page erase");
    target_.write_word(fpec::kCr, 0);
    check_status(sr, address, "the page erase");
}

void Stm32f1Fpec::mass_erase()
{
    prepare();
    target_.write_word(fpec::kCr, fpec::kCrMer);
    target_.write_word(fpec::kCr, fpec::kCrMer | fpec::kCrStrt);
    const uint32_t sr = wait_idle(timing_.mass_erase_typical, "a mass erase");
    target_.write_word(fpec::kCr, 0);
    check_status(sr, 0x08000000, "the mass erase");
}

void Stm32f1Fpec::program(uint32_t address, std::span<const uint8_t> data)
{
    if ((address & 1) || (data.size() & 1)) {
        throw Error(ErrorKind::Internal, "half-word programming needs an even address and length, got " +
                                             hex(address) + "+" + std::to_string(data.size()));
    }
    prepare();
    target_.write_word(fpec::kCr, fpec::kCrPg);
    // Runs of non-erased half-words go out as one 16-bit block write: on the part the AHB
    // stalls each store while BSY, so a block is programmed in order without per-word polls.
    constexpr size_t kMaxRun = 128;  // bytes; bounds the bus stall of one transfer
    size_t i = 0;
    while (i < data.size()) {
        if (data[i] == 0xFF && data[i + 1] == 0xFF) {
            i += 2;
            continue;
        }
        size_t end = i;
        while (end < data.size() && end - i < kMaxRun && !(data[end] == 0xFF && data[end + 1] == 0xFF)) end += 2;
        const uint32_t run_address = address + static_cast<uint32_t>(i);
        target_.write_memory(run_address, data.subspan(i, end - i), arm::AccessWidth::Bits16);
        const uint32_t sr = wait_idle(timing_.program_typical * static_cast<int64_t>((end - i) / 2), "programming");
        if (sr & fpec::kSrErrors) {
            target_.write_word(fpec::kCr, 0);
            check_status(sr, run_address, "programming");
        }
        i = end;
    }
    target_.write_word(fpec::kCr, 0);
}

void Stm32f1Fpec::remove_read_protection()
{
    unlock();
    prepare();
    target_.write_word(fpec::kOptKeyr, fpec::kKey1);
    target_.write_word(fpec::kOptKeyr, fpec::kKey2);
    if (!(control() & fpec::kCrOptWre)) {
        throw Error(ErrorKind::FlashProtected, "the flash controller did not accept the option-byte keys (OPTWRE stays 0)",
                    "reset the target and try again");
    }
    target_.write_word(fpec::kCr, fpec::kCrOptEr | fpec::kCrOptWre);
    target_.write_word(fpec::kCr, fpec::kCrOptEr | fpec::kCrOptWre | fpec::kCrStrt);
    uint32_t sr = wait_idle(timing_.mass_erase_typical * 2, "the option-byte erase");
    check_status(sr, fpec::kOptionBytes, "the option-byte erase");
    target_.write_word(fpec::kCr, fpec::kCrOptPg | fpec::kCrOptWre);
    const uint8_t rdp[2] = {static_cast<uint8_t>(fpec::kRdpUnprotected), 0x00};
    target_.write_memory(fpec::kOptionBytes, rdp, arm::AccessWidth::Bits16);
    sr = wait_idle(timing_.program_typical, "programming the RDP option byte");
    target_.write_word(fpec::kCr, fpec::kCrLock);
    check_status(sr, fpec::kOptionBytes, "programming the RDP option byte");
}

}  // namespace hiltest::probe::flash
