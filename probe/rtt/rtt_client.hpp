#pragma once
// The host side of SEGGER RTT over a debug probe: finds the control block (ELF symbol or a scan
// of SRAM), reads what the firmware wrote to its up-buffers, writes down-buffers. It only ever
// writes an up-buffer's RdOff and a down-buffer's data and WrOff: the firmware owns the other
// offset, so its mode (skip, trim or block when full) is honoured and the target never stalls
// because of the host. See README.md for the cost of a poll in probe transactions.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "probe/arm/target_access.hpp"
#include "probe/rtt/rtt_layout.hpp"

namespace hiltest::probe::rtt {

struct RttLocation {                   // where to look for the control block
    std::optional<uint32_t> address;   // the ELF symbol _SEGGER_RTT, if the image has it
    uint32_t scan_start = 0x20000000;  // else scan SRAM for the ID
    uint32_t scan_size = 20 * 1024;    // also the RAM every buffer must lie in
};

struct RttChunk {
    unsigned channel;
    std::string bytes;
};

struct RttStatistics {
    uint64_t polls = 0;
    uint64_t bytes_read = 0;     // up-buffer data handed to the caller
    uint64_t bytes_written = 0;  // down-buffer data written
    uint64_t memory_reads = 0;   // TargetAccess::read_memory calls
    uint64_t memory_writes = 0;  // TargetAccess::write_memory / write_word calls
    uint64_t reattaches = 0;     // attaches after the first (re-initialised block, restart)
};

class RttClient {
public:
    RttClient(arm::TargetAccess& target, RttLocation where);

    bool attached() const { return attached_; }
    // Reads what every up-buffer has that is new; attaches first if not attached (returns
    // nothing while no valid block exists yet: the firmware may not have initialised it).
    // Detects a re-initialised block (ID gone, or offsets/buffers changed incoherently) and
    // re-attaches without replaying or losing bytes that were not yet read where possible.
    std::vector<RttChunk> poll();
    // Writes as much of `bytes` into down-buffer `channel` as fits now; returns how many.
    // 0 while not attached; hiltest::Error (Usage) for a channel the block does not have.
    std::size_t send(unsigned channel, std::string_view bytes);
    // The target was reset or reflashed: the block will be re-initialised; re-find it.
    void target_restarted();

    unsigned up_channels() const { return attached_ ? static_cast<unsigned>(up_.size()) : 0; }
    unsigned down_channels() const { return attached_ ? static_cast<unsigned>(down_.size()) : 0; }
    std::string up_channel_name(unsigned channel) const;  // sName read once at attach ("" if null/invalid)
    const RttStatistics& statistics() const { return statistics_; }

private:
    bool attach();
    bool attach_at(uint32_t address, std::span<const uint8_t> known_bytes);
    std::optional<uint32_t> scan_for_block();
    std::string read_name(uint32_t address);
    std::vector<uint8_t> read(uint32_t address, std::size_t length);
    std::string read_span(uint32_t address, uint32_t length);
    void read_new_data(std::vector<RttChunk>& chunks);
    uint32_t up_descriptor_address(unsigned channel) const;
    uint32_t down_descriptor_address(unsigned channel) const;
    MemoryWindow ram() const { return {where_.scan_start, where_.scan_size}; }

    arm::TargetAccess& target_;
    RttLocation where_;
    bool attached_ = false;
    bool ever_attached_ = false;
    uint32_t block_ = 0;
    ControlBlockCounts counts_;
    std::vector<BufferDescriptor> up_;  // as last seen, with RdOff as the host last wrote it
    std::vector<BufferDescriptor> down_;
    std::vector<std::string> up_names_;
    RttStatistics statistics_;
};

}  // namespace hiltest::probe::rtt
