// RTT over the virtual ST-Link against the rtt_log fixture on the simulated Blue Pill: the
// control block found by symbol and by scan, the 64 KB log complete and in order through the
// 1 KB blocking channel, the skip-mode tick channel, the down-channel echo, a reset.
#include <gtest/gtest.h>

#include "tests/support/rig/rtt_rig.hpp"

using namespace hiltest;
using namespace hiltest::probe::rtt;
using namespace hiltest::testing;
using namespace std::chrono_literals;

namespace {

// A poll every 5 ms of target time: the cadence benchmarks/rtt measures.
constexpr Duration kInterval = 5ms;

RttLocation by_symbol()
{
    return RttLocation{firmware_symbol("rtt_log", "_SEGGER_RTT")};
}

bool has(const std::map<unsigned, std::string>& received, unsigned channel, const std::string& text)
{
    const auto found = received.find(channel);
    return found != received.end() && found->second.find(text) != std::string::npos;
}

}  // namespace

TEST(RttVirtual, FindsTheBlockBySymbolAndNamesItsChannels)
{
    RttRig rig;
    RttClient client(rig.probe, by_symbol());
    std::map<unsigned, std::string> received;
    ASSERT_TRUE(poll_rtt_until(rig, client, kInterval, 100ms, received, [&] { return client.attached(); }));
    EXPECT_EQ(client.up_channels(), 2u);
    EXPECT_EQ(client.down_channels(), 1u);
    EXPECT_EQ(client.up_channel_name(0), "Terminal");
    EXPECT_EQ(client.up_channel_name(1), "Data");
}

TEST(RttVirtual, The64KbLogArrivesCompleteAndInOrder)
{
    RttRig rig;
    RttClient client(rig.probe, by_symbol());
    std::map<unsigned, std::string> received;
    const std::string expected = rtt_log_expected_text();
    ASSERT_EQ(expected.size(), 65536u);
    ASSERT_TRUE(poll_rtt_until(rig, client, kInterval, 10s, received,
                               [&] { return received[0].size() >= expected.size(); }));
    EXPECT_EQ(received[0], expected);  // byte for byte: nothing lost, repeated or reordered
    EXPECT_EQ(client.statistics().reattaches, 0u);
    const uint32_t state = firmware_symbol("rtt_log", "rtt_log_state");
    EXPECT_EQ(rig.probe.read_word(state), 2u);          // phase: log written
    EXPECT_EQ(rig.probe.read_word(state + 4), 65536u);  // log_bytes
}

TEST(RttVirtual, ScanFindsTheBlockWithoutTheSymbol)
{
    RttRig rig;
    RttClient client(rig.probe, RttLocation{});
    std::map<unsigned, std::string> received;
    ASSERT_TRUE(poll_rtt_until(rig, client, kInterval, 10s, received,
                               [&] { return has(received, 0, "rtt_log: done\n"); }));
    EXPECT_EQ(received[0], rtt_log_expected_text());
    EXPECT_EQ(client.up_channel_name(0), "Terminal");
}

TEST(RttVirtual, TickLinesArriveOnChannelOneEvery100Ms)
{
    RttRig rig;
    RttClient client(rig.probe, by_symbol());
    std::map<unsigned, std::string> received;
    // SysTick reload 7 200 000 - 1 at HCLK 72 MHz: one tick per 7.2e6 / 72e6 s = 100 ms, so the
    // third tick line is there after a little more than 300 ms from the clock switch.
    ASSERT_TRUE(poll_rtt_until(rig, client, kInterval, 1s, received,
                               [&] { return has(received, 1, "tick 00003\n"); }));
    EXPECT_EQ(received[1].substr(0, 33), "tick 00001\ntick 00002\ntick 00003\n");
    const uint32_t state = firmware_symbol("rtt_log", "rtt_log_state");
    EXPECT_EQ(rig.probe.read_word(state + 12), 0u);  // polled every 5 ms: 256 B never filled up
}

TEST(RttVirtual, DownChannelLinesAreEchoed)
{
    RttRig rig;
    RttClient client(rig.probe, by_symbol());
    std::map<unsigned, std::string> received;
    ASSERT_TRUE(poll_rtt_until(rig, client, kInterval, 10s, received,
                               [&] { return has(received, 0, "rtt_log: done\n"); }));
    // 16-byte buffer: at most 15 bytes go in at once; the rest follows once the firmware read it.
    const std::string line = "hello over RTT, longer than the buffer\n";
    std::string_view rest = line;
    rest.remove_prefix(client.send(0, rest));
    EXPECT_EQ(rest.size(), line.size() - 15);
    ASSERT_TRUE(poll_rtt_until(rig, client, kInterval, 1s, received, [&] {
        rest.remove_prefix(client.send(0, rest));
        return rest.empty() && has(received, 0, "echo: hello over RTT, longer than the buffer\n");
    }));
    EXPECT_EQ(client.statistics().bytes_written, line.size());
}

TEST(RttVirtual, AfterAResetTheClientReattachesAndReplaysNothing)
{
    RttRig rig;
    RttClient client(rig.probe, by_symbol());
    std::map<unsigned, std::string> received;
    ASSERT_TRUE(
        poll_rtt_until(rig, client, kInterval, 10s, received, [&] { return received[0].size() > 4096; }));
    // Halted, the firmware writes nothing more: drain, then restart it from the reset vector.
    rig.core.halt();
    poll_rtt_until(rig, client, kInterval, 10ms, received, [] { return false; });
    const std::string before = received[0];
    const std::string expected = rtt_log_expected_text();
    ASSERT_EQ(before, expected.substr(0, before.size()));
    received.clear();
    rig.core.reset_and_run(probe::arm::ResetMethod::SysResetReq);
    client.target_restarted();
    ASSERT_TRUE(poll_rtt_until(rig, client, kInterval, 10s, received,
                               [&] { return received[0].size() >= expected.size(); }));
    EXPECT_EQ(received[0], expected);  // the new run from its first byte, no old byte in front
    EXPECT_GE(client.statistics().reattaches, 1u);
}
