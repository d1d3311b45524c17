// Unmodified third-party clients against the virtual bench served over USB (umockdev):
// if st-info, st-flash and OpenOCD accept the simulated Blue Pill, the protocol is the real one.
// Each test runs `hiltest sim usb ... -- CLIENT ...` as a user would.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "probe/base/external_command.hpp"
#include "tests/support/firmware_paths.hpp"

namespace hiltest {
namespace {

namespace fs = std::filesystem;

const std::string kHiltest = HILTEST_BINARY;
const std::string kFirmware = hiltest::testing::firmware_dir();

// OpenOCD with its servers off, so parallel tests do not fight over TCP ports.
std::vector<std::string> openocd(std::vector<std::string> commands, bool connect_under_reset = false)
{
    std::vector<std::string> argv = {"openocd", "-f", "interface/stlink.cfg", "-f", "target/stm32f1x.cfg",
                                     "-c", "gdb_port disabled", "-c", "tcl_port disabled", "-c", "telnet_port disabled"};
    if (connect_under_reset) argv.insert(argv.end(), {"-c", "reset_config srst_only srst_nogate connect_assert_srst"});
    for (auto& command : commands) argv.insert(argv.end(), {"-c", command});
    return argv;
}

CommandResult sim_usb(std::vector<std::string> options, const std::vector<std::string>& client)
{
    std::vector<std::string> argv = {kHiltest, "sim", "usb"};
    argv.insert(argv.end(), options.begin(), options.end());
    argv.push_back("--");
    argv.insert(argv.end(), client.begin(), client.end());
    ExternalCommand command(argv);
    command.timeout = std::chrono::seconds(120);
    CommandResult result = run_external_command(command);
    if (result.timed_out) ADD_FAILURE() << "timed out: " << quote_command_line(argv) << "\n" << result.output;
    return result;
}

std::string read_file(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

class Interop : public ::testing::Test {
protected:
    void SetUp() override
    {
        dir_ = fs::temp_directory_path() / ("hiltest-interop-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    fs::path dir_;
};

TEST_F(Interop, StInfoProbeSeesTheVirtualStlinkAndTheF103)
{
    const CommandResult result = sim_usb({}, {"st-info", "--probe"});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("V2J37S7"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("0x0410"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("65536"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("20480"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("56FF6E064965485141361287"), std::string::npos) << result.output;
}

TEST_F(Interop, StFlashWritesAndReadsBackAndTheBoardBlinks)
{
    const std::string image = kFirmware + "/blink_systick.bin";
    const std::string state = path("board.flash");
    CommandResult write = sim_usb({"--flash-state", state}, {"st-flash", "write", image, "0x8000000"});
    ASSERT_EQ(write.exit_code, 0) << write.output;

    const std::string readback = path("readback.bin");
    const std::string size = std::to_string(fs::file_size(image));
    CommandResult read = sim_usb({"--flash-state", state}, {"st-flash", "read", readback, "0x8000000", size});
    ASSERT_EQ(read.exit_code, 0) << read.output;
    EXPECT_EQ(read_file(readback), read_file(image)) << "st-flash read gives back what st-flash wrote";

    // The same chip, run on its own: PC13 toggles every 500 ms.
    ExternalCommand run({kHiltest, "sim", "run", "--flash-state", state, "--for", "2.2s"});
    const CommandResult ran = run_external_command(run);
    ASSERT_EQ(ran.exit_code, 0) << ran.output;
    EXPECT_NE(ran.output.find("PC13"), std::string::npos) << ran.output;
    EXPECT_NE(ran.output.find("4 toggles"), std::string::npos) << ran.output;
}

TEST_F(Interop, OpenocdProgramsAndVerifiesWithItsOwnLoader)
{
    const CommandResult result =
        sim_usb({}, openocd({"program " + kFirmware + "/blink_systick.elf verify reset exit"}));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("Cortex-M3 r1p1 processor detected"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("Verified OK"), std::string::npos) << result.output;
}

TEST_F(Interop, OpenocdReadsGpioAndStepsTheCore)
{
    const CommandResult result = sim_usb(
        {"--firmware", kFirmware + "/counter.elf"},
        openocd({"init", "reset halt", "mdw 0x40022000", "mdw 0x1ffff7e0", "reg pc", "step", "reg pc", "mdw 0x20000000",
                 "shutdown"}));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("0x40022000: 00000030"), std::string::npos) << "FLASH_ACR reset value\n" << result.output;
    EXPECT_NE(result.output.find("0x1ffff7e0: ffff0040"), std::string::npos) << "64 KB flash\n" << result.output;
    EXPECT_NE(result.output.find("halted due to single-step"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("0x20000000: 48494c54"), std::string::npos) << result.output;
}

TEST_F(Interop, SeedScenarioPlainInitFailsAndConnectUnderResetWorks)
{
    const std::string firmware = kFirmware + "/swd_lockout.elf";
    const CommandResult plain = sim_usb({"--firmware", firmware, "--nrst-wired"}, openocd({"init", "shutdown"}));
    EXPECT_NE(plain.exit_code, 0) << plain.output;

    // connect_assert_srst keeps SRST asserted after init; a core held in reset cannot halt until
    // it is let out, so the halt comes with the release: "reset halt".
    const CommandResult under_reset =
        sim_usb({"--firmware", firmware, "--nrst-wired"}, openocd({"init", "reset halt", "shutdown"}, true));
    EXPECT_EQ(under_reset.exit_code, 0) << under_reset.output;
    EXPECT_NE(under_reset.output.find("halted"), std::string::npos) << under_reset.output;
}

}  // namespace
}  // namespace hiltest
