#include "probe/rtt/rtt_layout.hpp"

#include <algorithm>
#include <string_view>

namespace hiltest::probe::rtt {
namespace {

// The ID's text; the rest of its 16 bytes are NULs. Matching the text and the NUL after it is
// what SEGGER's own host tools match too.
constexpr std::string_view kIdText = "SEGGER RTT";

uint32_t word_at(std::span<const uint8_t> bytes, std::size_t offset)
{
    return static_cast<uint32_t>(bytes[offset]) | static_cast<uint32_t>(bytes[offset + 1]) << 8 |
           static_cast<uint32_t>(bytes[offset + 2]) << 16 | static_cast<uint32_t>(bytes[offset + 3]) << 24;
}

}  // namespace

bool has_id(std::span<const uint8_t> bytes)
{
    if (bytes.size() < kIdText.size() + 1) return false;
    return std::equal(kIdText.begin(), kIdText.end(), bytes.begin()) && bytes[kIdText.size()] == 0;
}

std::optional<ControlBlockCounts> decode_counts(std::span<const uint8_t> bytes)
{
    if (bytes.size() < kHeaderSize || !has_id(bytes)) return std::nullopt;
    // The fields are C ints: a negative count reads as a huge unsigned one and is refused too.
    const ControlBlockCounts counts{word_at(bytes, kIdSize), word_at(bytes, kIdSize + 4)};
    if (counts.up > kMaxChannels || counts.down > kMaxChannels) return std::nullopt;
    if (counts.up == 0 && counts.down == 0) return std::nullopt;
    return counts;
}

BufferDescriptor decode_descriptor(std::span<const uint8_t> bytes)
{
    return BufferDescriptor{word_at(bytes, 0),  word_at(bytes, 4),  word_at(bytes, 8),
                            word_at(bytes, 12), word_at(bytes, 16), word_at(bytes, 20)};
}

DescriptorState check_descriptor(const BufferDescriptor& descriptor, MemoryWindow ram)
{
    if (descriptor.buffer == 0 && descriptor.size == 0) return DescriptorState::Unused;
    if (descriptor.size == 0 || !ram.contains(descriptor.buffer, descriptor.size))
        return DescriptorState::Invalid;
    if (descriptor.write_offset >= descriptor.size || descriptor.read_offset >= descriptor.size)
        return DescriptorState::Invalid;
    return DescriptorState::Usable;
}

std::optional<ControlBlock> decode_control_block(std::span<const uint8_t> bytes, uint32_t address,
                                                 MemoryWindow ram)
{
    const auto counts = decode_counts(bytes);
    if (!counts || bytes.size() < counts->bytes()) return std::nullopt;
    if (!ram.contains(address, static_cast<uint32_t>(counts->bytes()))) return std::nullopt;
    ControlBlock block{*counts, {}, {}};
    for (uint32_t i = 0; i < counts->up + counts->down; ++i) {
        const BufferDescriptor descriptor =
            decode_descriptor(bytes.subspan(kHeaderSize + i * kDescriptorSize));
        if (check_descriptor(descriptor, ram) == DescriptorState::Invalid) return std::nullopt;
        (i < counts->up ? block.up : block.down).push_back(descriptor);
    }
    return block;
}

std::vector<std::size_t> find_ids(std::span<const uint8_t> memory, uint32_t memory_address)
{
    std::vector<std::size_t> found;
    const std::size_t first = (4 - memory_address % 4) % 4;
    for (std::size_t at = first; at + kIdSize <= memory.size(); at += 4) {
        if (has_id(memory.subspan(at))) found.push_back(at);
    }
    return found;
}

std::vector<Stretch> unread_stretches(const BufferDescriptor& up)
{
    const uint32_t read = up.read_offset;
    const uint32_t write = up.write_offset;
    if (read == write) return {};
    if (read < write) return {Stretch{read, write - read}};
    std::vector<Stretch> stretches{Stretch{read, up.size - read}};
    if (write > 0) stretches.push_back(Stretch{0, write});
    return stretches;
}

uint32_t free_space(const BufferDescriptor& down)
{
    const uint32_t read = down.read_offset;
    const uint32_t write = down.write_offset;
    return read > write ? read - write - 1 : down.size - (write - read) - 1;
}

}  // namespace hiltest::probe::rtt
