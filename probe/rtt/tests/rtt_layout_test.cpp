// The control block decoder on hand-made bytes: what is valid, what is refused.
#include "probe/rtt/rtt_layout.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

using namespace hiltest::probe::rtt;

namespace {

const MemoryWindow kRam{0x20000000, 20 * 1024};

std::vector<uint8_t> block(uint32_t up, uint32_t down, std::vector<BufferDescriptor> descriptors)
{
    std::vector<uint8_t> bytes(24);
    std::memcpy(bytes.data(), "SEGGER RTT", 10);
    std::memcpy(bytes.data() + 16, &up, 4);
    std::memcpy(bytes.data() + 20, &down, 4);
    for (const BufferDescriptor& d : descriptors) {
        const uint32_t words[6] = {d.name, d.buffer, d.size, d.write_offset, d.read_offset, d.flags};
        const auto* raw = reinterpret_cast<const uint8_t*>(words);
        bytes.insert(bytes.end(), raw, raw + 24);
    }
    return bytes;
}

}  // namespace

TEST(RttLayout, DecodesCountsAndDescriptorsInOrder)
{
    const auto bytes = block(2, 1,
                             {{0x08000100, 0x20001000, 1024, 5, 3, 2},
                              {0, 0x20001400, 256, 0, 0, 0},
                              {0, 0x20001500, 16, 0, 0, 0}});
    const auto decoded = decode_control_block(bytes, 0x20000000, kRam);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->counts, (ControlBlockCounts{2, 1}));
    EXPECT_EQ(decoded->counts.bytes(), 24u + 3 * 24);
    ASSERT_EQ(decoded->up.size(), 2u);
    EXPECT_EQ(decoded->up[0].mode(), Mode::BlockIfFifoFull);
    EXPECT_EQ(decoded->up[1].buffer, 0x20001400u);
    EXPECT_EQ(decoded->down.at(0).size, 16u);
}

TEST(RttLayout, RefusesBadIdsCountsAndShortInput)
{
    auto bytes = block(1, 0, {{0, 0x20001000, 64, 0, 0, 0}});
    bytes[10] = 'X';  // the ID's text must end with a NUL
    EXPECT_FALSE(decode_counts(bytes));
    EXPECT_FALSE(decode_counts(block(17, 0, {})));          // above kMaxChannels
    EXPECT_FALSE(decode_counts(block(0xFFFFFFFF, 1, {})));  // int -1
    EXPECT_FALSE(decode_counts(block(0, 0, {})));           // no channel at all
    const auto one = block(1, 0, {{0, 0x20001000, 64, 0, 0, 0}});
    EXPECT_FALSE(decode_control_block(std::span(one).first(40), 0x20000000, kRam));  // descriptor cut off
    EXPECT_FALSE(decode_control_block(one, 0x20004FF0, kRam));  // block runs past the RAM window
}

TEST(RttLayout, DescriptorStates)
{
    EXPECT_EQ(check_descriptor({0, 0x20001000, 64, 63, 0, 0}, kRam), DescriptorState::Usable);
    EXPECT_EQ(check_descriptor({0, 0, 0, 0, 0, 0}, kRam), DescriptorState::Unused);
    EXPECT_EQ(check_descriptor({0, 0x20001000, 64, 64, 0, 0}, kRam),
              DescriptorState::Invalid);  // WrOff == size
    EXPECT_EQ(check_descriptor({0, 0x20001000, 64, 0, 70, 0}, kRam),
              DescriptorState::Invalid);  // RdOff past the end
    EXPECT_EQ(check_descriptor({0, 0x08000000, 64, 0, 0, 0}, kRam),
              DescriptorState::Invalid);  // buffer in flash
    EXPECT_EQ(check_descriptor({0, 0x20004F00, 0x200, 0, 0, 0}, kRam),
              DescriptorState::Invalid);  // past RAM end
    EXPECT_EQ(check_descriptor({0, 0x20001000, 0xFFFFFFFF, 0, 0, 0}, kRam), DescriptorState::Invalid);
    const auto bad = block(1, 0, {{0, 0x20001000, 0x10000000, 0, 0, 0}});
    EXPECT_FALSE(decode_control_block(bad, 0x20000000, kRam));  // a huge size never becomes an allocation
}

TEST(RttLayout, FindsAlignedIdsOnly)
{
    std::vector<uint8_t> memory(64);
    std::memcpy(memory.data() + 6, "SEGGER RTT", 11);  // unaligned: a string, not a block
    std::memcpy(memory.data() + 32, "SEGGER RTT", 11);
    EXPECT_EQ(find_ids(memory, 0x20000000), (std::vector<std::size_t>{32}));
    // Alignment is of the target address: the same bytes read from 0x20000002 hold the block at 6.
    EXPECT_EQ(find_ids(memory, 0x20000002), (std::vector<std::size_t>{6}));
}

TEST(RttLayout, UnreadStretchesWrapAndFreeSpaceKeepsOneSlot)
{
    const BufferDescriptor empty{0, 0x20001000, 16, 5, 5, 0};
    EXPECT_TRUE(unread_stretches(empty).empty());
    const auto straight = unread_stretches({0, 0x20001000, 16, 9, 5, 0});
    ASSERT_EQ(straight.size(), 1u);
    EXPECT_EQ(straight[0].offset, 5u);
    EXPECT_EQ(straight[0].length, 4u);
    const auto wrapped = unread_stretches({0, 0x20001000, 16, 3, 12, 0});
    ASSERT_EQ(wrapped.size(), 2u);
    EXPECT_EQ(wrapped[0].offset, 12u);
    EXPECT_EQ(wrapped[0].length, 4u);  // 12..15
    EXPECT_EQ(wrapped[1].offset, 0u);
    EXPECT_EQ(wrapped[1].length, 3u);
    EXPECT_EQ(unread_stretches({0, 0x20001000, 16, 0, 12, 0}).size(), 1u);  // ends exactly at the end
    EXPECT_EQ(free_space({0, 0x20001000, 16, 0, 0, 0}), 15u);               // size - 1: one slot stays free
    EXPECT_EQ(free_space({0, 0x20001000, 16, 4, 5, 0}), 0u);
    EXPECT_EQ(free_space({0, 0x20001000, 16, 10, 2, 0}), 7u);  // 16 - (10 - 2) - 1
}
