// The driver against the virtual ST-Link/V2 and the simulated Blue Pill: every byte the
// driver sends is parsed by the device model, every reply is produced by it.
#include <gtest/gtest.h>

#include <numeric>

#include "probe/arm/cortex_m_registers.hpp"
#include "probe/base/error.hpp"
#include "probe/stlink/stlink_probe.hpp"
#include "tests/support/rig/rig_fixture.hpp"

using namespace hiltest;
using namespace hiltest::probe;
using namespace hiltest::probe::stlink;
using namespace hiltest::testing;
using arm::AccessWidth;

namespace {

struct Attached {
    explicit Attached(sim::RigConfig o = rig_config()) : bench(std::move(o)), probe(bench.transport(), bench.clock()) {}
    void attach()
    {
        probe.open();
        probe.set_swd_frequency(1800);
        probe.enter_swd();
        dpidr = probe.read_dpidr();
        probe.init_ap(0);
    }
    sim::Rig bench;
    StlinkProbe probe;
    uint32_t dpidr = 0;
};

ErrorKind kind_of(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.kind();
    }
    ADD_FAILURE() << "no error";
    return ErrorKind::Internal;
}

}  // namespace

TEST(StlinkVirtual, OpensAndDecodesTheDevicesVersion)
{
    Attached a;
    a.probe.open();
    EXPECT_EQ(to_string(a.probe.version()), "V2J37S7");
    EXPECT_EQ(a.probe.current_mode(), Mode::MassStorage);  // open() left DFU mode
    EXPECT_NEAR(a.probe.target_voltage(), 3.3, 0.05);
}

TEST(StlinkVirtual, OlderFirmwareVersionsAreDecoded)
{
    sim::RigConfig o = rig_config();
    o.dongle.jtag_version = 21;
    Attached a(o);
    a.probe.open();
    EXPECT_EQ(a.probe.version().jtag, 21);
    EXPECT_FALSE(a.probe.features().swd_set_freq);
    EXPECT_EQ(kind_of([&] { a.probe.set_swd_frequency(1000); }), ErrorKind::ProbeFirmware);
}

TEST(StlinkVirtual, EntersSwdAndReadsIds)
{
    Attached a;
    a.attach();
    EXPECT_EQ(a.dpidr, 0x1BA01477u);
    EXPECT_EQ(a.probe.read_word(arm::addr::kCpuid), 0x411FC231u);
    EXPECT_EQ(a.probe.read_word(arm::addr::kDbgmcuIdcode) & 0xFFF, 0x410u);
}

TEST(StlinkVirtual, SwdFrequencyRoundsDownToTheTable)
{
    Attached a;
    a.probe.open();
    EXPECT_EQ(a.probe.set_swd_frequency(1000), 950u);
    EXPECT_EQ(a.probe.set_swd_frequency(130), 125u);
}

TEST(StlinkVirtual, MemoryRoundTripsAtEveryAlignmentSizeAndWidth)
{
    Attached a;
    a.attach();
    a.probe.set_tar_block(4096);
    const uint32_t base = 0x20000800;
    for (AccessWidth width : {AccessWidth::Bits8, AccessWidth::Bits16, AccessWidth::Bits32}) {
        for (uint32_t offset : {0u, 1u, 2u, 3u}) {
            for (std::size_t size : {1u, 2u, 3u, 4u, 5u, 63u, 64u, 65u, 1000u, 5000u, 7000u}) {
                std::vector<uint8_t> data(size);
                std::iota(data.begin(), data.end(), static_cast<uint8_t>(size + offset));
                a.probe.write_memory(base + offset, data, width);
                std::vector<uint8_t> back(size);
                a.probe.read_memory(base + offset, back, width);
                ASSERT_EQ(back, data) << "width " << int(width) << " offset " << offset << " size " << size;
            }
        }
    }
}

TEST(StlinkVirtual, FourByteReadIsOneRoundTrip)
{
    Attached a;
    a.attach();
    const auto before = a.bench.stlink().stats();
    std::array<uint8_t, 4> out{};
    a.probe.read_memory(0x20000000, out, AccessWidth::Bits32);
    const auto after = a.bench.stlink().stats();
    EXPECT_EQ(after.commands - before.commands, 1u);
    EXPECT_EQ(after.bytes_out - before.bytes_out, 16u);
    EXPECT_EQ(after.bytes_in - before.bytes_in, 8u);
    // OpenOCD (hla) reads 4 bytes as READMEM_32BIT + GETLASTRWSTATUS2: 2 round trips,
    // 32 bytes out, 16 in (docs/chip-facts.md, "What OpenOCD sends").
}

TEST(StlinkVirtual, UnmappedReadIsATargetFault)
{
    Attached a;
    a.attach();
    std::array<uint8_t, 16> out{};
    EXPECT_EQ(kind_of([&] { a.probe.read_memory(0x60000000, out, AccessWidth::Bits32); }), ErrorKind::TargetFault);
    EXPECT_EQ(kind_of([&] { a.probe.read_word(0x60000000); }), ErrorKind::TargetFault);
    // The sticky error was cleared: the next access works.
    EXPECT_EQ(a.probe.read_word(arm::addr::kCpuid), 0x411FC231u);
}

TEST(StlinkVirtual, CoreRegistersWhileHalted)
{
    Attached a;
    a.attach();
    a.probe.write_word(arm::addr::kDhcsr, arm::dhcsr::kKey | arm::dhcsr::kDebugEn | arm::dhcsr::kHalt);
    a.probe.write_core_register(0, 0x12345678);
    EXPECT_EQ(a.probe.read_core_register(0), 0x12345678u);
    EXPECT_NE(a.probe.read_core_register(15), 0u);
}

TEST(StlinkVirtual, DapRegisters)
{
    Attached a;
    a.attach();
    EXPECT_EQ(a.probe.read_dap_register(kDapPortDp, 0x0), 0x1BA01477u);
    EXPECT_EQ(a.probe.read_dap_register(0, 0xFC), 0x14770011u);  // AHB-AP IDR
}

TEST(StlinkVirtual, CloneDpidrIsReported)
{
    sim::RigConfig o = rig_config();
    o.dpidr = 0x2BA01477;
    Attached a(o);
    a.attach();
    EXPECT_EQ(a.dpidr, 0x2BA01477u);
}

TEST(StlinkVirtual, NrstCanBeDrivenAndReleased)
{
    Attached a;
    a.attach();
    a.probe.read_word(arm::addr::kDhcsr);  // clears the sticky S_RESET_ST of power-on
    a.probe.drive_nrst(NrstLevel::Low);
    a.probe.drive_nrst(NrstLevel::High);
    a.bench.clock().sleep_for(std::chrono::milliseconds(1));
    EXPECT_TRUE(a.probe.read_word(arm::addr::kDhcsr) & arm::dhcsr::kResetSeen);   // the pulse reset the core
    EXPECT_FALSE(a.probe.read_word(arm::addr::kDhcsr) & arm::dhcsr::kResetSeen);  // sticky bit cleared by the read
}

// ---- Status codes and injected faults the virtual ST-Link produces -------------------------

namespace {

Error error_of(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no error";
    return Error(ErrorKind::Internal, "");
}

sim::RigConfig faulty(std::vector<std::string> faults, const std::string& firmware = "blink_delay")
{
    sim::RigConfig o = rig_config(firmware);
    o.faults = sim::parse_faults(faults);
    return o;
}

}  // namespace

TEST(StlinkVirtualStatus, LockedOutTargetGivesGetIdcodeError)
{
    sim::RigConfig o = rig_config("swd_lockout");
    Attached a(o);
    a.probe.open();
    a.bench.clock().sleep_for(std::chrono::milliseconds(5));
    const Error e = error_of([&] { a.probe.enter_swd(); });
    EXPECT_EQ(e.kind(), ErrorKind::TargetNotResponding);
    EXPECT_NE(std::string(e.what()).find("GET_IDCODE_ERROR"), std::string::npos) << e.what();
}

TEST(StlinkVirtualStatus, UnderResetTheLockedOutTargetAnswers)
{
    sim::RigConfig o = rig_config("swd_lockout");
    Attached a(o);
    a.probe.open();
    a.bench.clock().sleep_for(std::chrono::milliseconds(5));
    a.probe.enter_swd_under_reset();
    EXPECT_EQ(a.probe.read_dpidr(), 0x1BA01477u);
}

TEST(StlinkVirtualStatus, NoAckOnApPacketIsApErrorNotResponding)
{
    Attached a(faulty({"swd-noack@cmd=7,count=200"}));
    a.attach();  // 6 commands: version, mode, dfu exit, freq, enter, idcodes … then init_ap
    const Error e = error_of([&] { a.probe.read_word(0x20000000); });
    EXPECT_EQ(e.kind(), ErrorKind::TargetNotResponding);
    const std::string text = e.what();
    EXPECT_TRUE(text.find("SWD_AP_ERROR") != std::string::npos || text.find("SWD_DP_ERROR") != std::string::npos)
        << text;
}

TEST(StlinkVirtualStatus, ShortWaitStormIsRetriedTransparently)
{
    Attached a(faulty({"swd-wait-storm@cmd=8,count=20"}));
    a.attach();
    EXPECT_EQ(a.probe.read_word(arm::addr::kCpuid), 0x411FC231u);
    EXPECT_GE(a.probe.counters().wait_retries, 1u);
}

TEST(StlinkVirtualStatus, EndlessWaitStormIsTargetNotResponding)
{
    Attached a(faulty({"swd-wait-storm@cmd=8,count=100000"}));
    a.attach();
    const Error e = error_of([&] { a.probe.read_word(arm::addr::kCpuid); });
    EXPECT_EQ(e.kind(), ErrorKind::TargetNotResponding);
    EXPECT_NE(std::string(e.what()).find("WAIT"), std::string::npos) << e.what();
}

TEST(StlinkVirtualStatus, FaultAnswerIsTargetFault)
{
    Attached a(faulty({"swd-fault@cmd=8,count=1"}));
    a.attach();
    const Error e = error_of([&] { a.probe.read_word(0x20000000); });
    EXPECT_EQ(e.kind(), ErrorKind::TargetFault);
    EXPECT_EQ(a.probe.read_word(arm::addr::kCpuid), 0x411FC231u);  // recovers
}

TEST(StlinkVirtualStatus, SingleParityErrorIsRetried)
{
    Attached a(faulty({"parity-ber@cmd=8,ber=1,count=1"}));
    a.attach();
    EXPECT_EQ(a.probe.read_word(arm::addr::kCpuid), 0x411FC231u);
    EXPECT_GE(a.probe.counters().wait_retries, 1u);
}

TEST(StlinkVirtualStatus, AParityErrorOnACachedWriteNeverGivesWrongDataWithStatusOk)
{
    // A CSW write refused for bad parity (WDATAERR) stayed in the dongle's cache: the retried
    // read then ran at the old access size and returned the wrong bytes with status OK.
    const uint32_t address = 0x08000194;
    for (int command = 6; command <= 14; ++command) {
        Attached a(faulty({"parity-ber@cmd=" + std::to_string(command) + ",ber=1,count=1"}));
        const uint8_t* flash = a.bench.board().chip().flash().main_data() + (address - 0x08000000);
        try {
            a.attach();
            uint8_t byte[1];
            a.probe.read_memory(address + 1, byte, AccessWidth::Bits8);
            EXPECT_EQ(byte[0], flash[1]) << "8-bit read, fault at command " << command;
            uint8_t half[2];
            a.probe.read_memory(address, half, AccessWidth::Bits16);
            EXPECT_EQ(half[0], flash[0]) << "16-bit read, fault at command " << command;
            EXPECT_EQ(half[1], flash[1]) << "16-bit read, fault at command " << command;
            EXPECT_EQ(a.probe.read_word(address), uint32_t{flash[0]} | uint32_t{flash[1]} << 8 |
                                                      uint32_t{flash[2]} << 16 | uint32_t{flash[3]} << 24)
                << "32-bit read, fault at command " << command;
        } catch (const Error&) {
            // Reporting the noise is fine; wrong data is not.
        }
    }
}

TEST(StlinkVirtualStatus, PersistentParityErrorsAreReported)
{
    Attached a(faulty({"parity-ber@cmd=8,ber=1,count=100000"}));
    a.attach();
    const Error e = error_of([&] { a.probe.read_word(arm::addr::kCpuid); });
    EXPECT_EQ(e.kind(), ErrorKind::TargetNotResponding);
    EXPECT_NE(std::string(e.what()).find("corrupted"), std::string::npos) << e.what();
}

TEST(StlinkVirtualStatus, BadApIsRefused)
{
    Attached a;
    a.attach();
    const Error e = error_of([&] { a.probe.init_ap(1); });
    EXPECT_NE(std::string(e.what()).find("BAD_AP"), std::string::npos) << e.what();
}

TEST(StlinkVirtualStatus, PowerLossShowsAsZeroVoltsAndSilence)
{
    Attached a(faulty({"power-loss@cmd=4"}));
    a.probe.open();
    EXPECT_LT(a.probe.target_voltage(), 0.1);
    EXPECT_EQ(error_of([&] { a.probe.enter_swd(); }).kind(), ErrorKind::TargetNotResponding);
}

TEST(StlinkVirtualUsb, TimeoutStallAndUnplugSurfaceWithTheirKinds)
{
    {
        Attached a(faulty({"usb-timeout@cmd=2"}));
        EXPECT_EQ(error_of([&] { a.probe.open(); }).kind(), ErrorKind::UsbTimeout);
        a.bench.transport().reset();
        a.probe.open();  // recovers
    }
    {
        Attached a(faulty({"stall@cmd=2"}));
        EXPECT_EQ(error_of([&] { a.probe.open(); }).kind(), ErrorKind::UsbIo);
        a.bench.transport().reset();
        a.probe.open();
    }
    {
        Attached a(faulty({"unplug@cmd=2,replug-after=1"}));
        EXPECT_EQ(error_of([&] { a.probe.open(); }).kind(), ErrorKind::UsbGone);
        bool back = false;
        for (int i = 0; i < 5 && !back; ++i) {
            try {
                a.bench.transport().reset();
                back = true;
            } catch (const Error& e) {
                EXPECT_EQ(e.kind(), ErrorKind::UsbGone);
            }
        }
        ASSERT_TRUE(back);
        a.probe.open();
        EXPECT_EQ(to_string(a.probe.version()), "V2J37S7");
    }
}
