// The driver tests again, through real libusb: this program is run under
// `hiltest sim usb -- …` (umockdev), where the virtual ST-Link is a USB device on bus 1.
// It is not registered with CTest itself; libusb_umockdev_test.cpp runs it under the bench.
#include <gtest/gtest.h>

#include <numeric>

#include "probe/arm/cortex_m.hpp"
#include "probe/base/error.hpp"
#include "probe/connect/connector.hpp"
#include "probe/stlink/stlink_probe.hpp"
#include "probe/usb/libusb_transport.hpp"

using namespace hiltest;
using namespace hiltest::probe;
using namespace hiltest::probe::usb;
using namespace std::chrono_literals;

namespace {

struct OverUsb {
    OverUsb() : transport(ProbeSelector::parse("stlink"), clock), probe(transport, clock) {}
    connect::Connection connect()
    {
        connect::Connector connector(probe, clock, {});
        return connector.connect();
    }
    SteadyClock clock;
    LibusbTransport transport;
    stlink::StlinkProbe probe;
};

}  // namespace

TEST(ProbeLibusbClient, DiscoversTheVirtualStlink)
{
    UsbContext context;
    const auto probes = list_stlink_probes(context);
    ASSERT_EQ(probes.size(), 1u);
    EXPECT_EQ(probes[0].model.pid, 0x3748);
    EXPECT_EQ(probes[0].serial, "56FF6E064965485141361287");
    EXPECT_FALSE(probes[0].open_error);
}

TEST(ProbeLibusbClient, OpensBySerialAndByLocation)
{
    SteadyClock clock;
    std::string location;
    {
        LibusbTransport by_serial(ProbeSelector::parse("stlink:56ff6e064965485141361287"), clock);
        location = by_serial.identity().location;
        EXPECT_EQ(by_serial.model().out_endpoint, 0x02);
        EXPECT_EQ(by_serial.identity().serial, "56FF6E064965485141361287");
    }
    LibusbTransport by_location(ProbeSelector::parse("usb:" + location), clock);
    EXPECT_EQ(by_location.identity().serial, "56FF6E064965485141361287");
}

TEST(ProbeLibusbClient, UnknownSerialIsNotFound)
{
    SteadyClock clock;
    try {
        LibusbTransport t(ProbeSelector::parse("stlink:0000"), clock);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::ProbeNotFound);
    }
}

TEST(ProbeLibusbClient, ConnectsAndDetectsTheBluePill)
{
    OverUsb usb;
    const auto c = usb.connect();
    EXPECT_EQ(c.dpidr, 0x1BA01477u);
    EXPECT_EQ(c.target.chip_name(), "STM32F103 medium density");
    EXPECT_EQ(c.target.flash_kb, 64u);
}

TEST(ProbeLibusbClient, MemoryRoundTrips)
{
    OverUsb usb;
    usb.connect();
    for (auto width : {arm::AccessWidth::Bits8, arm::AccessWidth::Bits16, arm::AccessWidth::Bits32}) {
        for (std::size_t size : {1u, 3u, 4u, 65u, 1500u, 6500u}) {
            std::vector<uint8_t> data(size);
            std::iota(data.begin(), data.end(), static_cast<uint8_t>(size));
            usb.probe.write_memory(0x20000401, data, width);
            std::vector<uint8_t> back(size);
            usb.probe.read_memory(0x20000401, back, width);
            ASSERT_EQ(back, data) << size;
        }
    }
}

TEST(ProbeLibusbClient, FaultsAndRunControl)
{
    OverUsb usb;
    usb.connect();
    EXPECT_THROW(usb.probe.read_word(0x60000000), Error);
    arm::CortexM core(usb.probe, usb.clock);
    core.reset_and_halt(arm::ResetMethod::SysResetReq);
    EXPECT_EQ(core.read_register(arm::CoreRegister::PC), usb.probe.read_word(0x08000004) & ~1u);
    core.step();
    EXPECT_TRUE(core.status().halted());
    core.resume();
}
