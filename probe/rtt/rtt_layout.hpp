#pragma once
// The SEGGER RTT control block as it sits in the target's RAM (layout documented by SEGGER):
//   +0   char  acID[16]            "SEGGER RTT" then NULs, written last by the firmware's init
//   +16  int   MaxNumUpBuffers
//   +20  int   MaxNumDownBuffers
//   +24  up-buffer descriptors, then down-buffer descriptors, 24 bytes each:
//        +0 sName, +4 pBuffer, +8 SizeOfBuffer, +12 WrOff, +16 RdOff, +20 Flags (bits 1:0 mode)
// Everything here decodes bytes read from the target, which is outside input: a value that does
// not make sense is reported as such, never trusted (no pointer leaves the RAM window, no count
// above kMaxChannels, no offset at or past the buffer's end).
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace hiltest::probe::rtt {

inline constexpr std::size_t kIdSize = 16;
inline constexpr std::size_t kHeaderSize = 24;  // ID + the two channel counts
inline constexpr std::size_t kDescriptorSize = 24;
inline constexpr uint32_t kMaxChannels = 16;       // per direction; more is a corrupt block
inline constexpr uint32_t kWriteOffsetField = 12;  // within a descriptor
inline constexpr uint32_t kReadOffsetField = 16;
inline constexpr std::size_t kMaxNameLength = 32;  // longer names are cut here

// What the firmware does when an up-buffer is full (Flags bits 1:0).
enum class Mode : uint8_t { NoBlockSkip = 0, NoBlockTrim = 1, BlockIfFifoFull = 2, Reserved = 3 };

// A range of target addresses [start, start + size).
struct MemoryWindow {
    uint32_t start = 0;
    uint32_t size = 0;
    bool contains(uint32_t address, uint32_t length) const
    {
        return address >= start && length <= size && address - start <= size - length;
    }
};

struct BufferDescriptor {
    uint32_t name = 0;
    uint32_t buffer = 0;
    uint32_t size = 0;
    uint32_t write_offset = 0;
    uint32_t read_offset = 0;
    uint32_t flags = 0;
    Mode mode() const { return static_cast<Mode>(flags & 3u); }
    friend bool operator==(const BufferDescriptor&, const BufferDescriptor&) = default;
};

enum class DescriptorState { Usable, Unused, Invalid };

struct ControlBlockCounts {
    uint32_t up = 0;
    uint32_t down = 0;
    std::size_t bytes() const { return kHeaderSize + (up + down) * kDescriptorSize; }
    std::size_t up_bytes() const { return kHeaderSize + up * kDescriptorSize; }
    friend bool operator==(const ControlBlockCounts&, const ControlBlockCounts&) = default;
};

struct ControlBlock {
    ControlBlockCounts counts;
    std::vector<BufferDescriptor> up;
    std::vector<BufferDescriptor> down;
};

// A piece of an up-buffer to read: buffer offset and length.
struct Stretch {
    uint32_t offset = 0;
    uint32_t length = 0;
};

// True when `bytes` starts with the ID ("SEGGER RTT" and a NUL).
bool has_id(std::span<const uint8_t> bytes);

// The channel counts of a header (the first kHeaderSize bytes), if the ID is there and the counts
// are sane: each at most kMaxChannels, not both zero.
std::optional<ControlBlockCounts> decode_counts(std::span<const uint8_t> bytes);

// The descriptor in the first kDescriptorSize bytes of `bytes` (little-endian words).
BufferDescriptor decode_descriptor(std::span<const uint8_t> bytes);

// Usable: buffer and size inside `ram`, both offsets below the size. Unused: no buffer and no
// size (a channel the firmware did not configure). Anything else is Invalid.
DescriptorState check_descriptor(const BufferDescriptor& descriptor, MemoryWindow ram);

// The whole block from bytes read at `address`: the header, then every descriptor. Empty when
// the bytes are too short, the header is not valid, the block does not lie in `ram` or any
// descriptor is Invalid.
std::optional<ControlBlock> decode_control_block(std::span<const uint8_t> bytes, uint32_t address,
                                                 MemoryWindow ram);

// Offsets in `memory` where an ID starts, 4-byte aligned relative to `memory_address` (the block
// holds ints, so a compiler aligns it), in ascending order.
std::vector<std::size_t> find_ids(std::span<const uint8_t> memory, uint32_t memory_address);

// What an up-buffer holds that the host has not read, RdOff to WrOff: nothing, one stretch, or
// two when the data wraps past the end. The descriptor must be Usable.
std::vector<Stretch> unread_stretches(const BufferDescriptor& up);

// How many bytes the host may write into a down-buffer now (one slot stays free so that
// WrOff == RdOff means empty). The descriptor must be Usable.
uint32_t free_space(const BufferDescriptor& down);

}  // namespace hiltest::probe::rtt
