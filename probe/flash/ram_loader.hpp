#pragma once
// Host side of the STM32F1 RAM loader (loader/stm32f1_loader.c, ABI in loader/loader_abi.h and
// README.md): uploads and starts it, then feeds its four SRAM slots round-robin. While the
// loader erases/programs one slot the host is already writing the next, so USB transfers
// overlap flash programming. Waits are planned from datasheet times (docs/chip-facts.md, "Flash
// timings") through the Clock, so a request is usually found finished at the first poll.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "probe/arm/cortex_m.hpp"
#include "probe/base/clock.hpp"
#include "probe/flash/loader/loader_abi.h"
#include "probe/flash/stm32f1_fpec.hpp"

namespace hiltest::probe::flash {

struct LoaderRequest {
    uint32_t command = 0;       // LOADER_CMD_* bits
    uint32_t address = 0;       // flash address (page-aligned for erase/crc)
    uint32_t length = 0;        // program: bytes of `data`; crc: bytes of the page range
    uint32_t erase_length = 0;  // with LOADER_CMD_ERASE
    std::span<const uint8_t> data;  // program data (length bytes), at most LOADER_SLOT_DATA
    Duration expected{};        // how long the loader should take, for the first poll
};

class RamLoader {
public:
    static constexpr uint32_t kSlotData = LOADER_SLOT_DATA;

    RamLoader(arm::CortexM& core, uint32_t page_size, FpecTiming timing = {});
    ~RamLoader() = default;
    RamLoader(const RamLoader&) = delete;
    RamLoader& operator=(const RamLoader&) = delete;

    // Halts the core, uploads `code`, starts it and waits until it reports ready.
    // Throws hiltest::Error when it does not come up (the caller may fall back).
    void start(std::span<const uint8_t> code);

    // Queues a request in the next slot, first waiting for that slot's previous request.
    // Throws ProgramError / FlashProtected when an earlier request failed.
    void submit(const LoaderRequest& request);
    // Waits for every queued request.
    void drain();
    // CRC-32 of `pages` consecutive pages from `address` (one request, waited for).
    std::vector<uint32_t> crc_pages(uint32_t address, uint32_t pages);
    // EXIT: the loader re-locks the FPEC and stops at a breakpoint. Leaves the core halted.
    void stop();

    uint32_t page_size() const { return page_size_; }
    uint32_t pages_per_slot() const { return kSlotData / page_size_; }
    // Planning estimates of how long the loader takes, for the first poll.
    static Duration crc_time(uint32_t bytes);
    static Duration program_time(uint64_t half_words, const FpecTiming& timing);

private:
    struct Pending {
        uint32_t sequence = 0;
        uint32_t command = 0;
        uint32_t address = 0;
        uint32_t length = 0;
        uint32_t erase_length = 0;
        TimePoint done_at{};
    };

    uint32_t slot_address(unsigned slot) const { return LOADER_SLOT_BASE + slot * LOADER_SLOT_STRIDE; }
    uint32_t descriptor_address(unsigned slot) const { return slot_address(slot) + LOADER_SLOT_DATA; }
    void wait_slot(unsigned slot);
    [[noreturn]] void loader_stopped(const char* waiting_for);

    arm::CortexM& core_;
    arm::TargetAccess& target_;
    Clock& clock_;
    uint32_t page_size_;
    FpecTiming timing_;
    std::array<std::optional<Pending>, LOADER_SLOT_COUNT> pending_{};
    unsigned next_slot_ = 0;
    uint32_t next_sequence_ = 1;
    TimePoint busy_until_{};  // when the loader should finish everything queued so far
    bool running_ = false;
};

}  // namespace hiltest::probe::flash
