// The product's libusb path end to end: `hiltest sim usb` serves the virtual ST-Link through
// umockdev, and the driver (LibusbTransport → StlinkProbe → Connector) talks to it with real
// libusb, as it would to a dongle on a bench.
#include <gtest/gtest.h>

#include <boost/process.hpp>
#include <string>
#include <vector>

#include "tests/support/firmware_paths.hpp"

namespace {

struct Result {
    int exit_code = -1;
    std::string output;
};

Result run(const std::vector<std::string>& args)
{
    namespace bp = boost::process;
    bp::ipstream out;
    bp::child child(bp::exe = args.front(), bp::args = std::vector<std::string>(args.begin() + 1, args.end()),
                    (bp::std_out & bp::std_err) > out);
    Result r;
    std::string line;
    while (std::getline(out, line)) r.output += line + "\n";
    child.wait();
    r.exit_code = child.exit_code();
    return r;
}

const std::string kHiltest = HILTEST_BINARY;
const std::string kFirmware = hiltest::testing::firmware_dir();

std::vector<std::string> sim_usb(std::vector<std::string> bench, const std::vector<std::string>& client)
{
    std::vector<std::string> args{kHiltest, "sim", "usb"};
    args.insert(args.end(), bench.begin(), bench.end());
    args.push_back("--");
    args.insert(args.end(), client.begin(), client.end());
    return args;
}

}  // namespace

TEST(ProbeLibusbUmockdev, DriverTestsPassThroughRealLibusb)
{
    const Result r = run(sim_usb({"--firmware", kFirmware + "/blink_delay.elf"}, {LIBUSB_DRIVER_CLIENT}));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("PASSED"), std::string::npos) << r.output;
}

TEST(ProbeLibusbUmockdev, InfoPrintsTheChip)
{
    const Result r = run(sim_usb({}, {kHiltest, "info", "--probe", "stlink"}));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("STM32F103 medium density"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("64 KB"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("56FF6E064965485141361287"), std::string::npos) << r.output;
}

TEST(ProbeLibusbUmockdev, SeedScenarioAutoConnectsUnderReset)
{
    const Result r = run(sim_usb({"--firmware", kFirmware + "/swd_lockout.elf", "--nrst-wired"},
                                 {kHiltest, "info", "--probe", "stlink", "--connect", "auto", "--stats"}));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("connected under-reset after 2 attempt(s)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\"target-not-responding\": 1"), std::string::npos) << r.output;
}

TEST(ProbeLibusbUmockdev, SeedScenarioWithoutNrstTellsWhatToDo)
{
    const Result r = run(sim_usb({"--firmware", kFirmware + "/swd_lockout.elf"},
                                 {kHiltest, "info", "--probe", "stlink"}));
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_NE(r.output.find("hold the board's RESET button"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("power-cycle"), std::string::npos) << r.output;
}

TEST(ProbeLibusbUmockdev, StalledEndpointIsRecoveredAndRecorded)
{
    // "--seed" after "--fault" ends the fault list for the bench's command line.
    const Result r = run(sim_usb({"--fault", "stall@cmd=4", "--seed", "1"},
                                 {kHiltest, "info", "--probe", "stlink", "--stats"}));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("\"usb-io\": 1"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("endpoint stalled"), std::string::npos) << r.output;
}

// A supply fault on a served dongle takes its board's power, as on the in-process rig: a word
// written to SRAM does not survive a power cycle (power-loss, restored at once) between a write
// and a read. Without the fault the word is read back.
TEST(ProbeLibusbUmockdev, SupplyFaultsTakeTheServedBoardsPower)
{
    const std::string firmware = kFirmware + "/blink_delay.elf";
    const std::string write = kHiltest + " write 0x20003000 0x5EB00715 --probe stlink";
    const std::string write_then_read = write + " && " + kHiltest + " read 0x20003000 --probe stlink";
    const std::string marker = "0x20003000: 0x5EB00715";

    // The power cycle lands on the first command after the write, whatever the write takes.
    const Result counted = run(sim_usb({"--firmware", firmware, "--stats"}, {"/bin/sh", "-c", write}));
    ASSERT_EQ(counted.exit_code, 0) << counted.output;
    const std::size_t at = counted.output.find(" ST-Link commands");
    ASSERT_NE(at, std::string::npos) << counted.output;
    const std::size_t from = counted.output.rfind(' ', at - 1) + 1;
    const unsigned long long write_commands = std::stoull(counted.output.substr(from, at - from));

    const Result kept = run(sim_usb({"--firmware", firmware}, {"/bin/sh", "-c", write_then_read}));
    ASSERT_EQ(kept.exit_code, 0) << kept.output;
    EXPECT_NE(kept.output.find(marker), std::string::npos) << kept.output;

    const std::string fault = "power-loss@cmd=" + std::to_string(write_commands + 1) + ",restore-after=0ms";
    const Result cycled = run(sim_usb({"--firmware", firmware, "--fault", fault}, {"/bin/sh", "-c", write_then_read}));
    ASSERT_EQ(cycled.exit_code, 0) << cycled.output;
    EXPECT_NE(cycled.output.find("0x20003000: 0x"), std::string::npos) << cycled.output;
    EXPECT_EQ(cycled.output.find(marker), std::string::npos) << "the board kept its power:\n" << cycled.output;
}
