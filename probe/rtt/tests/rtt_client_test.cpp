// The RTT client over a target made of plain memory (fake_target.hpp), the firmware's side
// played by the test: attach, wrap-around, modes, corrupt and re-initialised blocks, cost.
#include "probe/rtt/rtt_client.hpp"

#include <gtest/gtest.h>

#include "probe/base/error.hpp"
#include "probe/rtt/tests/fake_target.hpp"

using namespace hiltest;
using namespace hiltest::probe::rtt;
using namespace hiltest::probe::rtt::testing;

namespace {

constexpr uint32_t kBlock = FakeTarget::kSram + 0x200;

struct Rtt {
    FakeTarget target;
    FakeFirmware firmware{target, kBlock, {{"Terminal", 64, 2}, {"Data", 32, 0}}, {{"Input", 16, 0}}};
    RttClient client{target, RttLocation{kBlock}};
};

std::string text_of(const std::vector<RttChunk>& chunks, unsigned channel)
{
    std::string text;
    for (const RttChunk& chunk : chunks) {
        if (chunk.channel == channel) text += chunk.bytes;
    }
    return text;
}

}  // namespace

TEST(RttClient, NotAttachedUntilTheFirmwareWritesTheId)
{
    Rtt rtt;
    EXPECT_TRUE(rtt.client.poll().empty());
    EXPECT_FALSE(rtt.client.attached());
    EXPECT_EQ(rtt.client.send(0, "x"), 0u);
    rtt.firmware.init();
    rtt.firmware.write(0, "hello");  // written before the host attached: still unread, so delivered
    const auto chunks = rtt.client.poll();
    EXPECT_TRUE(rtt.client.attached());
    EXPECT_EQ(text_of(chunks, 0), "hello");
    EXPECT_EQ(rtt.client.up_channels(), 2u);
    EXPECT_EQ(rtt.client.down_channels(), 1u);
    EXPECT_EQ(rtt.client.up_channel_name(0), "Terminal");
    EXPECT_EQ(rtt.client.up_channel_name(1), "Data");
    EXPECT_EQ(rtt.client.up_channel_name(2), "");
    EXPECT_EQ(rtt.client.statistics().reattaches, 0u);
}

TEST(RttClient, IdlePollIsOneReadAndNoWrite)
{
    Rtt rtt;
    rtt.firmware.init();
    rtt.client.poll();
    const unsigned reads = rtt.target.reads, writes = rtt.target.writes;
    const uint64_t counted = rtt.client.statistics().memory_reads;
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(rtt.client.poll().empty());
    EXPECT_EQ(rtt.target.reads - reads, 5u);
    EXPECT_EQ(rtt.target.writes, writes);
    EXPECT_EQ(rtt.client.statistics().memory_reads - counted, 5u);
    EXPECT_EQ(rtt.client.statistics().polls, 6u);
}

TEST(RttClient, DataPollCostsOneReadPerStretchAndOneRdOffWrite)
{
    Rtt rtt;
    rtt.firmware.init();
    rtt.client.poll();
    rtt.firmware.write(0, std::string(40, 'a'));
    rtt.client.poll();
    rtt.target.written_addresses.clear();
    const unsigned reads = rtt.target.reads, writes = rtt.target.writes;
    // 40 + 40 in a 64-byte buffer: the second write wraps (offsets 40..63, then 0..15).
    rtt.firmware.write(0, std::string(40, 'b'));
    const auto chunks = rtt.client.poll();
    EXPECT_EQ(text_of(chunks, 0), std::string(40, 'b'));
    // Descriptors + one read of the whole buffer: the free gap between the two stretches (24
    // bytes) is cheaper to read than a second probe command.
    EXPECT_EQ(rtt.target.reads - reads, 2u);
    EXPECT_EQ(rtt.target.writes - writes, 1u);  // RdOff
    ASSERT_EQ(rtt.target.written_addresses.size(), 1u);
    EXPECT_EQ(rtt.target.written_addresses[0], rtt.firmware.descriptor(0) + 16);
    EXPECT_EQ(rtt.target.peek32(rtt.firmware.descriptor(0) + 16), 16u);  // (40 + 40) % 64
    EXPECT_EQ(rtt.client.statistics().bytes_read, 80u);
}

TEST(RttClient, WrapWithALargeGapIsReadAsTwoStretches)
{
    FakeTarget target;
    FakeFirmware firmware(target, kBlock, {{"Terminal", 1024, 2}}, {});
    firmware.init();
    RttClient client(target, RttLocation{kBlock});
    firmware.write(0, std::string(900, 'a'));
    client.poll();
    const unsigned reads = target.reads;
    // 900 + 200: offsets 900..1023 and 0..75, 824 free bytes between them.
    firmware.write(0, std::string(124, 'b') + std::string(76, 'c'));
    EXPECT_EQ(text_of(client.poll(), 0), std::string(124, 'b') + std::string(76, 'c'));
    EXPECT_EQ(target.reads - reads, 3u);  // descriptors + two stretches
}

TEST(RttClient, UnalignedStretchesAreReadAsWholeWords)
{
    Rtt rtt;
    rtt.firmware.init();
    rtt.firmware.write(0, "abc");
    rtt.client.poll();
    const unsigned reads = rtt.target.reads;
    rtt.firmware.write(0, "defgh");  // offsets 3..7 of a word-aligned buffer
    EXPECT_EQ(text_of(rtt.client.poll(), 0), "defgh");
    EXPECT_EQ(rtt.target.reads - reads, 2u);
    EXPECT_EQ(rtt.target.read_addresses.back(), FakeTarget::kSram + 0x1000);  // from the word at offset 0
}

TEST(RttClient, ManyWrapsArriveCompleteAndInOrder)
{
    Rtt rtt;
    rtt.firmware.init();
    std::string sent, received;
    for (int line = 0; line < 500; ++line) {
        const std::string text = "line " + std::to_string(line) + "\n";
        std::string_view rest = text;
        while (!rest.empty()) {  // blocking mode: the firmware waits for the host
            rest.remove_prefix(rtt.firmware.write(0, rest));
            received += text_of(rtt.client.poll(), 0);
        }
        sent += text;
    }
    received += text_of(rtt.client.poll(), 0);
    EXPECT_EQ(received, sent);
}

TEST(RttClient, HostOnlyEverWritesRdOffOfUpBuffers)
{
    Rtt rtt;
    rtt.firmware.init();
    // A full skip-mode channel: the host reads it but never writes its data or WrOff, so the
    // firmware's "drop when full" decision stays the firmware's.
    EXPECT_EQ(rtt.firmware.write(1, std::string(31, 'd')), 31u);
    EXPECT_EQ(rtt.firmware.write(1, "more"), 0u);  // skipped: no room for the whole message
    const auto chunks = rtt.client.poll();
    EXPECT_EQ(text_of(chunks, 1), std::string(31, 'd'));
    for (const uint32_t address : rtt.target.written_addresses) {
        EXPECT_TRUE(address == rtt.firmware.descriptor(0) + 16 || address == rtt.firmware.descriptor(1) + 16)
            << address;
    }
}

TEST(RttClient, SendWritesWhatFitsAndWrOffLast)
{
    Rtt rtt;
    rtt.firmware.init();
    rtt.client.poll();
    EXPECT_EQ(rtt.client.send(0, "0123456789abcdefXYZ"), 15u);  // 16-byte buffer, one slot free
    EXPECT_EQ(rtt.client.send(0, "more"), 0u);
    EXPECT_EQ(rtt.firmware.read_down(0), "0123456789abcde");
    EXPECT_EQ(rtt.target.written_addresses.back(), rtt.firmware.descriptor(2) + 12);
    EXPECT_EQ(rtt.client.send(0, "wrapping"), 8u);  // offsets 15, 0..6
    EXPECT_EQ(rtt.firmware.read_down(0), "wrapping");
    EXPECT_EQ(rtt.client.statistics().bytes_written, 23u);
    EXPECT_THROW(rtt.client.send(1, "x"), Error);
}

TEST(RttClient, ClearedAndReinitialisedBlockIsReattachedWithoutReplay)
{
    Rtt rtt;
    rtt.firmware.init();
    rtt.firmware.write(0, "before reset ");
    EXPECT_EQ(text_of(rtt.client.poll(), 0), "before reset ");
    // Start-up code zeroes .bss: the ID goes away.
    rtt.firmware.clear_id();
    EXPECT_TRUE(rtt.client.poll().empty());
    EXPECT_FALSE(rtt.client.attached());
    rtt.firmware.init();
    rtt.firmware.write(0, "after");
    EXPECT_EQ(text_of(rtt.client.poll(), 0), "after");
    EXPECT_EQ(rtt.client.statistics().reattaches, 1u);
}

TEST(RttClient, InPlaceReinitialisationIsDetectedByRdOff)
{
    Rtt rtt;
    rtt.firmware.init();
    rtt.firmware.write(0, "first run");
    EXPECT_EQ(text_of(rtt.client.poll(), 0), "first run");
    // Re-initialised between two polls (RdOff back to 0) and written again: the host must take
    // the new run from offset 0, not the old bytes after its stale RdOff.
    rtt.firmware.init();
    rtt.firmware.write(0, "second run, longer");
    EXPECT_EQ(text_of(rtt.client.poll(), 0), "second run, longer");
    EXPECT_EQ(rtt.client.statistics().reattaches, 1u);
}

TEST(RttClient, MovedBuffersAreReattached)
{
    Rtt rtt;
    rtt.firmware.init();
    rtt.client.poll();
    rtt.firmware.init(FakeTarget::kSram + 0x2000);
    rtt.firmware.write(0, "moved");
    EXPECT_EQ(text_of(rtt.client.poll(), 0), "moved");
    EXPECT_EQ(rtt.client.statistics().reattaches, 1u);
}

TEST(RttClient, CorruptBlockIsNotAttached)
{
    Rtt rtt;
    rtt.firmware.init();
    rtt.target.poke32(rtt.firmware.descriptor(0) + 8, 0x7FFFFFFF);  // SizeOfBuffer
    EXPECT_TRUE(rtt.client.poll().empty());
    EXPECT_FALSE(rtt.client.attached());
    rtt.firmware.init();
    rtt.target.poke32(rtt.firmware.descriptor(1) + 4, 0xE000E000);  // pBuffer outside SRAM
    EXPECT_TRUE(rtt.client.poll().empty());
    rtt.firmware.init();
    rtt.target.poke32(kBlock + 16, 1000);  // MaxNumUpBuffers
    EXPECT_TRUE(rtt.client.poll().empty());
    rtt.firmware.init();
    rtt.client.poll();
    ASSERT_TRUE(rtt.client.attached());
    // Corrupted while attached: WrOff past the end is incoherent, so the block is dropped.
    rtt.target.poke32(rtt.firmware.descriptor(0) + 12, 5000);
    EXPECT_TRUE(rtt.client.poll().empty());
    EXPECT_FALSE(rtt.client.attached());
}

TEST(RttClient, NameThatIsNotTextReadsAsEmpty)
{
    Rtt rtt;
    rtt.firmware.init();
    rtt.target.poke32(rtt.firmware.descriptor(0), 0xE000ED00);  // not memory a name can be in
    rtt.target.poke(FakeTarget::kFlash + 0x120, "\x01\x02");    // channel 1's name: not text
    rtt.client.poll();
    EXPECT_EQ(rtt.client.up_channel_name(0), "");
    EXPECT_EQ(rtt.client.up_channel_name(1), "");
}

TEST(RttClient, ScanFindsTheBlockPastAStrayIdCopy)
{
    FakeTarget target;
    // A copy of the ID text in .data-like memory, with no valid block behind it.
    target.poke(FakeTarget::kSram + 0x40, std::string("SEGGER RTT\0\0\0\0\0\0", 16));
    FakeFirmware firmware(target, FakeTarget::kSram + 0x800, {{"Terminal", 64, 2}}, {});
    firmware.init();
    firmware.write(0, "found");
    RttClient client(target, RttLocation{});
    EXPECT_EQ(text_of(client.poll(), 0), "found");
    EXPECT_EQ(client.statistics().memory_reads, 3u);  // scan, name, data
    // Attached: a poll is one read again, not a scan.
    client.poll();
    EXPECT_EQ(client.statistics().memory_reads, 4u);
}

TEST(RttClient, RestartMakesTheNextPollFindTheBlockAgain)
{
    Rtt rtt;
    rtt.firmware.init();
    rtt.client.poll();
    rtt.client.target_restarted();
    EXPECT_FALSE(rtt.client.attached());
    rtt.firmware.init();
    rtt.firmware.write(0, "new");
    EXPECT_EQ(text_of(rtt.client.poll(), 0), "new");
    EXPECT_EQ(rtt.client.statistics().reattaches, 1u);
}

TEST(RttClient, TargetErrorsPropagate)
{
    FakeTarget target;
    RttClient client(target, RttLocation{std::nullopt, 0x30000000, 1024});  // no memory there
    EXPECT_THROW(client.poll(), Error);
}
