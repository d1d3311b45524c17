// Encoding and decoding of ST-Link commands against byte sequences from docs/chip-facts.md
// ("ST-Link/V2 USB protocol").
// The same driver is exercised against the virtual ST-Link in stlink_virtual_test.cpp;
// these cover exact bytes and answers the device does not produce on its own.
#include <gtest/gtest.h>

#include "probe/base/error.hpp"
#include "probe/stlink/stlink_probe.hpp"
#include "probe/stlink/stlink_status.hpp"
#include "probe/stlink/swd_clock.hpp"
#include "probe/stlink/transfer_plan.hpp"
#include "tests/support/scripted_transport.hpp"

using namespace hiltest;
using namespace hiltest::probe;
using namespace hiltest::probe::stlink;
using namespace hiltest::testing;
using arm::AccessWidth;

namespace {

const Bytes kVersionV2J37S7{0x29, 0x47, 0x83, 0x04, 0x48, 0x37};

// GET_VERSION V2J37S7, GET_CURRENT_MODE -> `mode`.
void script_open(ScriptedTransport& t, uint8_t mode = 0x01)
{
    t.expect(command({0xF1}), kVersionV2J37S7);
    t.expect(command({0xF5}), Bytes{mode, 0x00});
}

struct StlinkProbeTest : ::testing::Test {
    ScriptedTransport transport;
    ManualClock clock;
    StlinkProbe probe{transport, clock};
    void open(uint8_t mode = 0x01)
    {
        script_open(transport, mode);
        probe.open();
    }
};

}  // namespace

TEST(StlinkVersion, DecodesV2J37S7)
{
    const auto v = decode_version(kVersionV2J37S7);
    EXPECT_EQ(v.hw, 2);
    EXPECT_EQ(v.jtag, 37);
    EXPECT_EQ(v.swim, 7);
    EXPECT_EQ(v.vid, 0x0483);
    EXPECT_EQ(v.pid, 0x3748);
    EXPECT_EQ(to_string(v), "V2J37S7");
    const auto f = features_for(v);
    EXPECT_EQ(f.api, 2);
    EXPECT_TRUE(f.rw_status2 && f.swd_set_freq && f.dap_registers && f.mem16 && f.init_ap);
    EXPECT_EQ(f.max_mem8, 64u);
}

TEST(StlinkVersion, FeatureThresholdsFollowTheJNumber)
{
    Version v{.hw = 2, .jtag = 21};
    auto f = features_for(v);
    EXPECT_TRUE(f.target_voltage);
    EXPECT_TRUE(f.rw_status2);
    EXPECT_FALSE(f.swd_set_freq);
    v.jtag = 14;
    f = features_for(v);
    EXPECT_FALSE(f.rw_status2);
    v.jtag = 25;
    f = features_for(v);
    EXPECT_TRUE(f.dap_registers);
    EXPECT_FALSE(f.mem16);
    EXPECT_FALSE(f.init_ap);
}

TEST(StlinkVersion, V21ReportsMassStorageVersion)
{
    // V2J28M18 on PID 0x374B: (2<<12)|(28<<6)|18 = 0x2712.
    const auto v = decode_version(Bytes{0x27, 0x12, 0x83, 0x04, 0x4B, 0x37});
    EXPECT_EQ(v.jtag, 28);
    EXPECT_EQ(v.msd, 18);
    EXPECT_EQ(to_string(v), "V2J28M18");
}

TEST(StlinkVersion, Stm8OnlyV21HasNoJtag)
{
    // x = 22, y = 7 on a V2-1: MSD 22, SWIM 7, no SWD firmware.
    const auto v = decode_version(Bytes{0x25, 0x87, 0x83, 0x04, 0x4B, 0x37});
    EXPECT_EQ(v.jtag, 0);
    EXPECT_EQ(v.msd, 22);
}

TEST(StlinkVersion, V3NeedsExtendedVersion)
{
    const auto v = decode_version(Bytes{0x30, 0x00, 0x83, 0x04, 0x4F, 0x37});
    EXPECT_TRUE(v.needs_extended);
    const auto ex = decode_version_ex(Bytes{3, 1, 7, 3, 5, 0, 0, 0, 0x83, 0x04, 0x4F, 0x37});
    EXPECT_EQ(ex.jtag, 7);
    EXPECT_EQ(features_for(ex).api, 3);
    EXPECT_EQ(features_for(ex).max_mem8, 512u);
}

TEST(StlinkVersion, ShortReplyIsAProtocolError)
{
    try {
        decode_version(Bytes{0x29, 0x47});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::ProbeProtocol);
    }
}

TEST_F(StlinkProbeTest, OpenLeavesDfuMode)
{
    script_open(transport, 0x00);
    transport.expect(command({0xF3, 0x07}));
    probe.open();
    EXPECT_TRUE(transport.finished());
    EXPECT_EQ(probe.counters().commands, 3u);
}

TEST_F(StlinkProbeTest, OpenLeavesDebugAndSwimModes)
{
    script_open(transport, 0x02);
    transport.expect(command({0xF2, 0x21}));
    probe.open();
    script_open(transport, 0x03);
    transport.expect(command({0xF4, 0x01}));
    probe.open();
    EXPECT_TRUE(transport.finished());
}

TEST_F(StlinkProbeTest, RefusesSwimOnlyFirmware)
{
    transport.expect(command({0xF1}), Bytes{0x25, 0x87, 0x83, 0x04, 0x4B, 0x37});
    try {
        probe.open();
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::ProbeFirmware);
    }
}

TEST_F(StlinkProbeTest, TargetVoltage)
{
    open();
    transport.expect(command({0xF7}), concat({le32(1489), le32(2047)}));
    EXPECT_NEAR(probe.target_voltage(), 3.30, 0.005);
}

TEST_F(StlinkProbeTest, SwdFrequencyRoundsDownAndFallsBack)
{
    open();
    transport.expect(command({0xF2, 0x43, 0x03, 0x00}), Bytes{0x80, 0x00});
    EXPECT_EQ(probe.set_swd_frequency(1000), 950u);
    // The probe refuses 950 kHz: next slower is 480 kHz (divisor 7).
    transport.expect(command({0xF2, 0x43, 0x03, 0x00}), Bytes{0x41, 0x00});
    transport.expect(command({0xF2, 0x43, 0x07, 0x00}), Bytes{0x80, 0x00});
    EXPECT_EQ(probe.set_swd_frequency(950), 480u);
    EXPECT_TRUE(transport.finished());
}

TEST(StlinkSwdClock, TableLookup)
{
    EXPECT_EQ(swd_speed_at_most(4000).divisor, 0);
    EXPECT_EQ(swd_speed_at_most(1000).khz, 950u);
    EXPECT_EQ(swd_speed_at_most(100).divisor, 40);
    EXPECT_EQ(swd_speed_at_most(1).khz, 5u);
    EXPECT_EQ(swd_speed_below(5), std::nullopt);
    EXPECT_EQ(swd_speed_below(1800)->khz, 1200u);
}

TEST_F(StlinkProbeTest, EnterSwdUnderResetDrivesNrstTwice)
{
    open();
    transport.expect(command({0xF2, 0x3C, 0x00}), Bytes{0x80, 0x00});
    transport.expect(command({0xF2, 0x30, 0xA3}), Bytes{0x80, 0x00});
    transport.expect(command({0xF2, 0x3C, 0x00}), Bytes{0x80, 0x00});
    probe.enter_swd_under_reset();
    EXPECT_TRUE(transport.finished());
}

TEST_F(StlinkProbeTest, ReadIdcodes)
{
    open();
    transport.expect(command({0xF2, 0x31}), concat({Bytes{0x80, 0, 0, 0}, le32(0x1BA01477), le32(0)}));
    EXPECT_EQ(probe.read_dpidr(), 0x1BA01477u);
}

TEST_F(StlinkProbeTest, ReadWordIsOneRoundTrip)
{
    open();
    probe.reset_counters();
    transport.expect(command({0xF2, 0x36, 0x00, 0xED, 0x00, 0xE0}),
                     concat({Bytes{0x80, 0, 0, 0}, le32(0x411FC231)}));
    std::array<uint8_t, 4> out{};
    probe.read_memory(0xE000ED00, out, AccessWidth::Bits32);
    EXPECT_EQ(out, (std::array<uint8_t, 4>{0x31, 0xC2, 0x1F, 0x41}));
    EXPECT_EQ(probe.counters().commands, 1u);
    EXPECT_EQ(probe.counters().bytes_out, 16u);
    EXPECT_EQ(probe.counters().bytes_in, 8u);
}

TEST_F(StlinkProbeTest, BlockReadChecksLastRwStatus2)
{
    open();
    const Bytes data{1, 2, 3, 4, 5, 6, 7, 8};
    transport.expect(command({0xF2, 0x07, 0x00, 0x00, 0x00, 0x20, 0x08, 0x00}), data);
    transport.expect(command({0xF2, 0x3E}), Bytes{0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    std::array<uint8_t, 8> out{};
    probe.read_memory(0x20000000, out, AccessWidth::Bits32);
    EXPECT_EQ(Bytes(out.begin(), out.end()), data);
}

TEST_F(StlinkProbeTest, SingleByteReadAsksForTwo)
{
    open();
    transport.expect(command({0xF2, 0x0C, 0x03, 0x00, 0x00, 0x20, 0x01, 0x00}), Bytes{0xAB, 0x00});
    transport.expect(command({0xF2, 0x3E}), Bytes{0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    std::array<uint8_t, 1> out{};
    probe.read_memory(0x20000003, out, AccessWidth::Bits32);
    EXPECT_EQ(out[0], 0xAB);
}

TEST_F(StlinkProbeTest, BlockWriteSendsDataPhase)
{
    open();
    const Bytes data{1, 2, 3, 4, 5, 6, 7, 8};
    transport.expect(command({0xF2, 0x08, 0x00, 0x01, 0x00, 0x20, 0x08, 0x00}));
    transport.expect(data);
    transport.expect(command({0xF2, 0x3E}), Bytes{0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    probe.write_memory(0x20000100, data, AccessWidth::Bits32);
    EXPECT_TRUE(transport.finished());
}

TEST_F(StlinkProbeTest, WriteWordUsesWriteDebugReg)
{
    open();
    transport.expect(command({0xF2, 0x35, 0xF0, 0xED, 0x00, 0xE0, 0x03, 0x00, 0x5F, 0xA0}), Bytes{0x80, 0x00});
    probe.write_word(0xE000EDF0, 0xA05F0003);
    EXPECT_TRUE(transport.finished());
}

TEST_F(StlinkProbeTest, WaitIsRetriedWithBackoffThroughTheClock)
{
    open();
    const Bytes cmd = command({0xF2, 0x36, 0x00, 0x00, 0x00, 0x20});
    transport.expect(cmd, concat({Bytes{0x14, 0, 0, 0}, le32(0)}));
    transport.expect(cmd, concat({Bytes{0x10, 0, 0, 0}, le32(0)}));
    transport.expect(cmd, concat({Bytes{0x80, 0, 0, 0}, le32(0xCAFEF00D)}));
    const auto before = clock.now();
    EXPECT_EQ(probe.read_word(0x20000000), 0xCAFEF00Du);
    EXPECT_EQ(probe.counters().wait_retries, 2u);
    EXPECT_EQ(clock.now() - before, std::chrono::milliseconds(3));  // 1 + 2 ms
}

TEST_F(StlinkProbeTest, WaitStormEndsAsTargetNotResponding)
{
    open();
    const Bytes cmd = command({0xF2, 0x36, 0x00, 0x00, 0x00, 0x20});
    for (int i = 0; i < 9; ++i) transport.expect(cmd, concat({Bytes{0x14, 0, 0, 0}, le32(0)}));
    try {
        probe.read_word(0x20000000);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::TargetNotResponding);
        EXPECT_NE(std::string(e.what()).find("SWD_DP_WAIT"), std::string::npos);
    }
    EXPECT_EQ(clock.now(), TimePoint(std::chrono::milliseconds(255)));  // 1+2+…+128
}

TEST_F(StlinkProbeTest, MemoryFaultNamesTheAddressAndClearsStickyErrors)
{
    open();
    transport.expect(command({0xF2, 0x07, 0x00, 0x00, 0x00, 0x60, 0x08, 0x00}), Bytes(8, 0));
    transport.expect(command({0xF2, 0x3E}), concat({Bytes{0x11, 0, 0, 0}, le32(0x60000000), le32(0)}));
    transport.expect(command({0xF2, 0x46, 0xFF, 0xFF, 0x00, 0x00, 0x1E}), Bytes{0x80, 0x00});
    std::array<uint8_t, 8> out{};
    try {
        probe.read_memory(0x60000000, out, AccessWidth::Bits32);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::TargetFault);
        EXPECT_NE(std::string(e.what()).find("fault at 0x60000000"), std::string::npos);
    }
    EXPECT_TRUE(transport.finished());
}

TEST_F(StlinkProbeTest, CoreRegisterAccess)
{
    open();
    transport.expect(command({0xF2, 0x33, 15}), concat({Bytes{0x80, 0, 0, 0}, le32(0x08000100)}));
    EXPECT_EQ(probe.read_core_register(15), 0x08000100u);
    transport.expect(command({0xF2, 0x34, 0, 0x78, 0x56, 0x34, 0x12}), Bytes{0x80, 0x00});
    probe.write_core_register(0, 0x12345678);
    EXPECT_TRUE(transport.finished());
}

TEST_F(StlinkProbeTest, DapRegisterAccess)
{
    open();
    transport.expect(command({0xF2, 0x45, 0xFF, 0xFF, 0x04, 0x00}),
                     concat({Bytes{0x80, 0, 0, 0}, le32(0xF0000040)}));
    EXPECT_EQ(probe.read_dap_register(kDapPortDp, 0x4), 0xF0000040u);
    transport.expect(command({0xF2, 0x46, 0x00, 0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0xA2}), Bytes{0x80, 0x00});
    probe.write_dap_register(0, 0x0, 0xA2000012);
    EXPECT_TRUE(transport.finished());
}

TEST_F(StlinkProbeTest, ShortReplyIsProtocolError)
{
    open();
    transport.expect_short(command({0xF2, 0x36, 0x00, 0x00, 0x00, 0x20}), Bytes{0x80, 0, 0});
    try {
        probe.read_word(0x20000000);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::ProbeProtocol);
    }
}

TEST_F(StlinkProbeTest, UsbErrorsPropagateWithTheirKind)
{
    open();
    transport.fail_next(ErrorKind::UsbTimeout);
    try {
        probe.read_word(0x20000000);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::UsbTimeout);
    }
}

TEST(StlinkStatus, EveryCodeHasAKind)
{
    struct Case {
        uint8_t code;
        std::optional<ErrorKind> kind;
    };
    const Case cases[] = {
        {0x80, std::nullopt},
        {0x0D, std::nullopt},
        {0x81, ErrorKind::TargetFault},
        {0x01, ErrorKind::TargetFault},
        {0x02, ErrorKind::ProbeProtocol},
        {0x03, ErrorKind::ProbeProtocol},
        {0x04, ErrorKind::ProbeProtocol},
        {0x05, ErrorKind::TargetNotResponding},
        {0x06, ErrorKind::ProbeProtocol},
        {0x07, ErrorKind::TargetNotResponding},
        {0x08, ErrorKind::ProbeProtocol},
        {0x09, ErrorKind::TargetNotResponding},
        {0x0A, ErrorKind::TargetFault},
        {0x0B, ErrorKind::TargetNotResponding},
        {0x0C, ErrorKind::TargetFault},
        {0x0E, ErrorKind::ProbeProtocol},
        {0x10, ErrorKind::TargetNotResponding},
        {0x11, ErrorKind::TargetFault},
        {0x12, ErrorKind::TargetNotResponding},
        {0x13, ErrorKind::TargetNotResponding},
        {0x14, ErrorKind::TargetNotResponding},
        {0x15, ErrorKind::TargetFault},
        {0x16, ErrorKind::TargetNotResponding},
        {0x17, ErrorKind::TargetNotResponding},
        {0x18, ErrorKind::TargetNotResponding},
        {0x19, ErrorKind::TargetFault},
        {0x1A, ErrorKind::TargetFault},
        {0x1D, ErrorKind::TargetFault},
        {0x20, ErrorKind::ProbeProtocol},
        {0x40, ErrorKind::ProbeProtocol},
        {0x41, ErrorKind::ProbeProtocol},
        {0x42, ErrorKind::ProbeFirmware},
    };
    for (const auto& c : cases) {
        const auto error = status_error(c.code, "test");
        ASSERT_EQ(error.has_value(), c.kind.has_value()) << int(c.code);
        if (error) {
            EXPECT_EQ(error->kind(), *c.kind) << int(c.code);
            EXPECT_FALSE(error->remedy().empty()) << int(c.code);
        }
    }
    EXPECT_TRUE(is_wait(0x10));
    EXPECT_TRUE(is_wait(0x14));
    EXPECT_FALSE(is_wait(0x11));
    EXPECT_TRUE(is_transient(0x17));
    EXPECT_TRUE(is_transient(0x18));
}

TEST(StlinkTransferPlan, AlignedBodyWithByteHeadAndTail)
{
    const auto chunks = plan_transfer(0x20000001, 10, AccessWidth::Bits32, {});
    ASSERT_EQ(chunks.size(), 3u);
    EXPECT_EQ(chunks[0].width, AccessWidth::Bits8);
    EXPECT_EQ(chunks[0].size, 3u);
    EXPECT_EQ(chunks[1].address, 0x20000004u);
    EXPECT_EQ(chunks[1].width, AccessWidth::Bits32);
    EXPECT_EQ(chunks[1].size, 4u);
    EXPECT_EQ(chunks[2].width, AccessWidth::Bits8);
    EXPECT_EQ(chunks[2].size, 3u);
    EXPECT_EQ(chunks[2].offset, 7u);
}

TEST(StlinkTransferPlan, NeverCrossesTarBlock)
{
    TransferLimits limits;
    limits.tar_block = 1024;
    const auto chunks = plan_transfer(0x200003F0, 0x20, AccessWidth::Bits32, limits);
    ASSERT_EQ(chunks.size(), 2u);
    EXPECT_EQ(chunks[0].size, 0x10u);
    EXPECT_EQ(chunks[1].address, 0x20000400u);
    limits.tar_block = 4096;
    EXPECT_EQ(plan_transfer(0x200003F0, 0x20, AccessWidth::Bits32, limits).size(), 1u);
}

TEST(StlinkTransferPlan, RespectsPerCommandLimits)
{
    TransferLimits limits;
    limits.tar_block = 1u << 20;
    const auto bytes = plan_transfer(0x20000000, 100, AccessWidth::Bits8, limits);
    ASSERT_EQ(bytes.size(), 2u);
    EXPECT_EQ(bytes[0].size, 64u);
    EXPECT_EQ(bytes[1].size, 36u);
    const auto words = plan_transfer(0x20000000, 8192, AccessWidth::Bits32, limits);
    ASSERT_EQ(words.size(), 2u);
    EXPECT_EQ(words[0].size, 6144u);
}

TEST(StlinkTransferPlan, HalfWordsWithout16BitSupportUseBytes)
{
    TransferLimits limits;
    limits.has_16bit = false;
    const auto chunks = plan_transfer(0x08000000, 4, AccessWidth::Bits16, limits);
    ASSERT_EQ(chunks.size(), 1u);
    EXPECT_EQ(chunks[0].width, AccessWidth::Bits8);
    limits.has_16bit = true;
    EXPECT_EQ(plan_transfer(0x08000000, 4, AccessWidth::Bits16, limits)[0].width, AccessWidth::Bits16);
}

TEST(StlinkProbeOldFirmware, UsesGetLastRwStatusBeforeJ15AndSkipsInitAp)
{
    ScriptedTransport transport;
    ManualClock clock;
    StlinkProbe probe{transport, clock};
    // V2J14S0: (2<<12)|(14<<6)|0 = 0x2380
    transport.expect(command({0xF1}), Bytes{0x23, 0x80, 0x83, 0x04, 0x48, 0x37});
    transport.expect(command({0xF5}), Bytes{0x01, 0x00});
    probe.open();
    EXPECT_FALSE(probe.features().rw_status2);
    probe.init_ap(0);  // nothing sent before J28
    transport.expect(command({0xF2, 0x07, 0x00, 0x00, 0x00, 0x20, 0x08, 0x00}), Bytes(8, 0x5A));
    transport.expect(command({0xF2, 0x3B}), Bytes{0x80, 0x00});
    std::array<uint8_t, 8> out{};
    probe.read_memory(0x20000000, out, AccessWidth::Bits32);
    EXPECT_EQ(out[7], 0x5A);
    // No 16-bit commands before J26: half-words go as bytes.
    transport.expect(command({0xF2, 0x0C, 0x00, 0x00, 0x00, 0x08, 0x02, 0x00}), Bytes{0x34, 0x12});
    transport.expect(command({0xF2, 0x3B}), Bytes{0x80, 0x00});
    std::array<uint8_t, 2> half{};
    probe.read_memory(0x08000000, half, AccessWidth::Bits16);
    EXPECT_EQ(half[1], 0x12);
    EXPECT_TRUE(transport.finished());
}

TEST(StlinkProbeV3, SetsTheClockInKilohertz)
{
    ScriptedTransport transport;
    ManualClock clock;
    StlinkProbe probe{transport, clock};
    transport.expect(command({0xF1}), Bytes{0x30, 0x00, 0x83, 0x04, 0x4F, 0x37});
    transport.expect(command({0xFB}), Bytes{3, 1, 7, 3, 5, 0, 0, 0, 0x83, 0x04, 0x4F, 0x37});
    transport.expect(command({0xF5}), Bytes{0x01, 0x00});
    probe.open();
    EXPECT_EQ(probe.features().api, 3);
    // 1000 kHz = 0x3E8
    transport.expect(command({0xF2, 0x61, 0x00, 0x00, 0xE8, 0x03, 0x00, 0x00}),
                     concat({Bytes{0x80, 0, 0, 0}, le32(1000)}));
    EXPECT_EQ(probe.set_swd_frequency(1000), 1000u);
    EXPECT_TRUE(transport.finished());
}
