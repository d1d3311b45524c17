#include "probe/flash/ram_loader.hpp"

#include <algorithm>
#include <cstring>

#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"
#include "probe/flash/checksums.hpp"
#include "probe/flash/image.hpp"

namespace hiltest::probe::flash {

namespace {

constexpr Duration kStartTimeout = std::chrono::milliseconds(50);
constexpr Duration kPollInterval = std::chrono::microseconds(200);
constexpr Duration kMaxPollInterval = std::chrono::milliseconds(4);
constexpr Duration kSlack = std::chrono::milliseconds(200);  // beyond the planned time before giving up

uint32_t word_at(std::span<const uint8_t> bytes, size_t offset)
{
    return uint32_t{bytes[offset]} | uint32_t{bytes[offset + 1]} << 8 | uint32_t{bytes[offset + 2]} << 16 |
           uint32_t{bytes[offset + 3]} << 24;
}

void put_word(std::vector<uint8_t>& bytes, size_t offset, uint32_t value)
{
    for (int i = 0; i < 4; ++i) bytes[offset + i] = static_cast<uint8_t>(value >> (8 * i));
}

// The loader's `check` of a request (loader_abi.h): what it verifies before acting.
uint32_t request_check(const LoaderRequest& request, uint32_t sequence)
{
    std::vector<uint8_t> covered(20);
    put_word(covered, 0, request.address);
    put_word(covered, 4, request.length);
    put_word(covered, 8, sequence);
    put_word(covered, 12, request.erase_length);
    put_word(covered, 16, request.command);
    if (request.command & LOADER_CMD_PROGRAM) covered.insert(covered.end(), request.data.begin(), request.data.end());
    return crc32(covered);
}

}  // namespace

RamLoader::RamLoader(arm::CortexM& core, uint32_t page_size, FpecTiming timing)
    : core_(core), target_(core.target()), clock_(core.clock()), page_size_(page_size), timing_(timing)
{
    if (page_size_ == 0 || page_size_ > kSlotData || (page_size_ & (page_size_ - 1)) != 0) {
        throw Error(ErrorKind::Internal, "the RAM loader cannot handle flash pages of " + std::to_string(page_size) + " bytes");
    }
}

Duration RamLoader::program_time(uint64_t half_words, const FpecTiming& timing)
{
    // tPROG plus the loader's own loop (about 20 instructions at 8 MHz) per half-word.
    return (timing.program_typical + std::chrono::nanoseconds(2'500)) * static_cast<int64_t>(half_words);
}

Duration RamLoader::crc_time(uint32_t bytes)
{
    // About 16 cycles per byte at the 64 MHz the loader switches to from the reset clock.
    return std::chrono::nanoseconds(uint64_t{bytes} * 280);
}

void RamLoader::start(std::span<const uint8_t> code)
{
    if (code.empty() || code.size() > LOADER_CODE_MAX) {
        throw Error(ErrorKind::Internal, "the RAM loader code is missing or too large (" + std::to_string(code.size()) + " bytes)");
    }
    if (!core_.status().halted()) core_.halt();
    // Code, padded to the control block, plus a zeroed control block: one write.
    std::vector<uint8_t> upload(LOADER_CONTROL + sizeof(loader_control) - LOADER_CODE_BASE, 0);
    std::copy(code.begin(), code.end(), upload.begin());
    target_.write_memory(LOADER_CODE_BASE, upload);
    using arm::CoreRegister;
    core_.write_register(CoreRegister::R0, page_size_);
    core_.write_register(CoreRegister::SP, LOADER_STACK_TOP);
    core_.write_register(CoreRegister::PC, LOADER_CODE_BASE);
    core_.write_register(CoreRegister::XPSR, 0x01000000);  // Thumb state, thread mode
    core_.resume();
    running_ = true;
    pending_ = {};
    next_slot_ = 0;

    // Clearing four descriptors takes the loader a few microseconds.
    clock_.sleep_for(std::chrono::microseconds(50));
    const TimePoint deadline = clock_.now() + kStartTimeout;
    while (true) {
        if (target_.read_word(LOADER_CONTROL + offsetof(loader_control, ready)) == LOADER_READY_MAGIC) break;
        if (clock_.now() >= deadline) {
            running_ = false;
            core_.halt();
            throw Error(ErrorKind::ProgramError, "the flash loader did not start in SRAM",
                        "the programmer falls back to direct writes; check that SRAM at 0x20000000 is usable");
        }
        clock_.sleep_for(std::chrono::microseconds(500));
    }
    busy_until_ = clock_.now();
}

void RamLoader::loader_stopped(const char* waiting_for)
{
    running_ = false;
    const arm::CoreStatus status = core_.status();
    std::string state = status.locked_up() ? "locked up" : status.halted() ? "halted" : "still running";
    std::string where;
    if (status.halted()) where = " at PC " + hex(core_.read_register(arm::CoreRegister::PC));
    else core_.halt();
    throw Error(ErrorKind::ProgramError,
                std::string("the flash loader did not finish ") + waiting_for + " in time (core " + state + where + ")",
                "reset the board and flash again; if it repeats, pass --no-loader to program through the debug port");
}

void RamLoader::wait_slot(unsigned slot)
{
    if (!pending_[slot]) return;
    const Pending pending = *pending_[slot];
    const TimePoint now = clock_.now();
    if (pending.done_at > now) clock_.sleep_for(pending.done_at - now);
    const TimePoint deadline = std::max(clock_.now(), pending.done_at) + kSlack + timing_.operation_timeout;
    std::array<uint8_t, sizeof(loader_descriptor)> raw{};
    std::array<uint8_t, sizeof(loader_descriptor)> again{};
    // Each poll costs a USB round trip: back off when the plan was optimistic.
    Duration interval = kPollInterval;
    while (true) {
        target_.read_memory(descriptor_address(slot), raw);
        if (word_at(raw, offsetof(loader_descriptor, command)) == 0) {
            // A finished request no longer changes: a second read that agrees rules out a reply
            // corrupted on the link (a slot reused too early, a status that is not the loader's).
            target_.read_memory(descriptor_address(slot), again);
            if (again == raw) break;
        }
        if (clock_.now() >= deadline) loader_stopped("a request");
        clock_.sleep_for(interval);
        interval = std::min<Duration>(interval * 2, kMaxPollInterval);
    }
    pending_[slot].reset();
    const uint32_t status = word_at(raw, offsetof(loader_descriptor, status));
    if (status == 0) return;
    const uint32_t fail = word_at(raw, offsetof(loader_descriptor, fail_address));
    const char* what = pending.command & LOADER_CMD_ERASE && !(pending.command & LOADER_CMD_PROGRAM) ? "erasing"
                       : pending.command & LOADER_CMD_ERASE ? "erasing and programming"
                       : pending.command & LOADER_CMD_PROGRAM ? "programming" : "checksumming";
    if (status & LOADER_STATUS_CORRUPT) {
        throw Error(ErrorKind::LinkNoise,
                    std::string("a flash loader request arrived corrupted in SRAM while ") + what + " at " +
                        hex(pending.address) + " (its check did not match; the loader left the flash alone): the "
                        "SWD link corrupts data",
                    "use shorter SWD wires with a good ground, or a slower SWD clock (--speed 480)");
    }
    if (status & LOADER_STATUS_BAD_REQUEST) {
        // The loader checks every request. One that reached SRAM other than it was sent was
        // corrupted on the link; one that arrived intact and was refused is hiltest's bug.
        const bool arrived_intact = word_at(raw, offsetof(loader_descriptor, address)) == pending.address &&
                                    word_at(raw, offsetof(loader_descriptor, length)) == pending.length &&
                                    word_at(raw, offsetof(loader_descriptor, erase_length)) == pending.erase_length &&
                                    word_at(raw, offsetof(loader_descriptor, sequence)) == pending.sequence;
        if (!arrived_intact) {
            throw Error(ErrorKind::LinkNoise,
                        std::string("a flash loader request arrived corrupted in SRAM while ") + what + " at " +
                            hex(pending.address) + ": the SWD link corrupts data",
                        "use shorter SWD wires with a good ground, or a slower SWD clock (--speed 480)");
        }
        throw Error(ErrorKind::Internal, std::string("the flash loader refused a request while ") + what + " at " + hex(pending.address));
    }
    if (status & LOADER_STATUS_MISMATCH) {
        throw Error(ErrorKind::ProgramError,
                    "the half-word programmed at " + hex(fail) + " reads back different (flash loader check)",
                    "the flash cell may be worn out; erase the chip and flash again");
    }
    Stm32f1Fpec::check_status(status, fail, what);
    throw Error(ErrorKind::ProgramError, "the flash loader reported status " + hex(status) + " at " + hex(fail));
}

void RamLoader::submit(const LoaderRequest& request)
{
    if (!running_) throw Error(ErrorKind::Internal, "flash loader request without a running loader");
    if (request.data.size() > kSlotData || request.data.size() != ((request.command & LOADER_CMD_PROGRAM) ? request.length : 0)) {
        throw Error(ErrorKind::Internal, "flash loader request with " + std::to_string(request.data.size()) + " data bytes");
    }
    const unsigned slot = next_slot_;
    next_slot_ = (next_slot_ + 1) % LOADER_SLOT_COUNT;
    wait_slot(slot);

    const uint32_t sequence = next_sequence_++;
    std::vector<uint8_t> descriptor(sizeof(loader_descriptor), 0);
    put_word(descriptor, offsetof(loader_descriptor, address), request.address);
    put_word(descriptor, offsetof(loader_descriptor, length), request.length);
    put_word(descriptor, offsetof(loader_descriptor, sequence), sequence);
    put_word(descriptor, offsetof(loader_descriptor, erase_length), request.erase_length);
    put_word(descriptor, offsetof(loader_descriptor, check), request_check(request, sequence));
    put_word(descriptor, offsetof(loader_descriptor, command), request.command);
    // Data and descriptor in one ascending write when the data fill the slot; the command word
    // is the last one written either way, so the loader never sees a half-written request.
    if (request.data.size() == kSlotData) {
        std::vector<uint8_t> block(request.data.begin(), request.data.end());
        block.insert(block.end(), descriptor.begin(), descriptor.end());
        target_.write_memory(slot_address(slot), block);
    } else {
        if (!request.data.empty()) {
            // Pad to whole words so the probe can use 32-bit transfers.
            std::vector<uint8_t> data(request.data.begin(), request.data.end());
            data.resize((data.size() + 3) & ~size_t{3}, 0xFF);
            target_.write_memory(slot_address(slot), data);
        }
        target_.write_memory(descriptor_address(slot), descriptor);
    }
    busy_until_ = std::max(busy_until_, clock_.now()) + request.expected;
    pending_[slot] = Pending{sequence, request.command, request.address, request.length, request.erase_length, busy_until_};
}

void RamLoader::drain()
{
    for (unsigned i = 0; i < LOADER_SLOT_COUNT; ++i) wait_slot((next_slot_ + i) % LOADER_SLOT_COUNT);
}

std::vector<uint32_t> RamLoader::crc_pages(uint32_t address, uint32_t pages)
{
    std::vector<uint32_t> crcs;
    const uint32_t max_pages = kSlotData / 4;
    while (pages > 0) {
        const uint32_t count = std::min(pages, max_pages);
        const unsigned slot = next_slot_;
        LoaderRequest request;
        request.command = LOADER_CMD_CRC;
        request.address = address;
        request.length = count * page_size_;
        // The first checksum request also builds the loader's table (about 0.3 ms at 64 MHz).
        request.expected = crc_time(request.length) + std::chrono::microseconds(300);
        submit(request);
        wait_slot(slot);
        std::vector<uint8_t> raw(count * 4);
        target_.read_memory(slot_address(slot), raw);
        for (uint32_t i = 0; i < count; ++i) crcs.push_back(word_at(raw, i * 4));
        address += count * page_size_;
        pages -= count;
    }
    return crcs;
}

void RamLoader::stop()
{
    if (!running_) return;
    drain();
    LoaderRequest request;
    request.command = LOADER_CMD_EXIT;
    submit(request);
    running_ = false;
    if (!core_.wait_for_halt(std::chrono::milliseconds(50))) core_.halt();
}

}  // namespace hiltest::probe::flash
