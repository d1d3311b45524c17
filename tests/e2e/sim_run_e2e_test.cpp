// End to end: `hiltest sim run` as a user runs it, on the firmware fixtures and on tiny images
// written here: exit codes for faults and semihosting exits, the VCD (read back strictly and
// by sigrok-cli), --pins, and Ctrl-C.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <boost/process.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fixtures/bluepill/soc/tests/vcd_check.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/firmware_paths.hpp"
#include "tests/support/test_folder.hpp"

namespace hiltest {
namespace {

namespace fs = std::filesystem;
using sim::testing::ParsedVcd;
using sim::testing::parse_vcd;

const std::string kHiltest = HILTEST_BINARY;
const std::string kFirmware = hiltest::testing::firmware_dir();

std::string firmware(const std::string& name)
{
    return kFirmware + "/" + name;
}

// A raw image for 0x08000000: initial SP, the reset vector (Thumb), then `code` from 0x08000008.
std::vector<uint8_t> image(const std::vector<uint16_t>& code, const std::vector<uint32_t>& words)
{
    std::vector<uint8_t> bytes;
    const auto word = [&bytes](uint32_t value) {
        for (unsigned i = 0; i < 4; ++i) bytes.push_back(uint8_t(value >> (8 * i)));
    };
    word(0x20005000);
    word(0x08000009);
    for (const uint16_t half : code) {
        bytes.push_back(uint8_t(half));
        bytes.push_back(uint8_t(half >> 8));
    }
    for (const uint32_t value : words) word(value);
    return bytes;
}

// SYS_EXIT (0x18) with r1 = reason: movs r0,#0x18; ldr r1,[pc,#4]; bkpt 0xAB; b . ; .word reason
std::vector<uint8_t> sys_exit(uint32_t reason)
{
    return image({0x2018, 0x4901, 0xBEAB, 0xE7FE}, {reason});
}

// SYS_EXIT_EXTENDED (0x20) with r1 → {reason, status} at 0x08000014.
std::vector<uint8_t> sys_exit_extended(uint32_t reason, uint32_t status)
{
    return image({0x2020, 0x4901, 0xBEAB, 0xE7FE}, {0x08000014, reason, status});
}

constexpr uint32_t kApplicationExit = 0x20026, kRunTimeErrorUnknown = 0x20023;

class SimRun : public testing::TestInFolder {
protected:
    CommandResult sim_run(std::vector<std::string> arguments)
    {
        arguments.insert(arguments.begin(), {kHiltest, "sim", "run"});
        return testing::run_program(arguments);
    }

    // A file for --semihosting-stdin holding `text`.
    std::string stdin_file(const std::string& text)
    {
        const fs::path path = dir_ / "stdin.txt";
        std::ofstream(path) << text;
        return path.string();
    }

    std::string write_image(const std::string& name, const std::vector<uint8_t>& bytes)
    {
        const fs::path path = dir_ / (name + ".bin");
        std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
        return path.string();
    }

    static std::string read(const fs::path& path) { return read_file(path); }
};

// ldr r0, =0x40023000; str r0, [r0]; b .  — a store to CRC_DR, a block the model only stores.
std::vector<uint8_t> uses_the_crc_unit()
{
    return image({0x4801, 0x6000, 0xE7FE, 0xBF00}, {0x40023000});
}

TEST_F(SimRun, AFirmwareUsingWhatTheModelDoesNotImplementGetsAFidelityWarning)
{
    const CommandResult result = sim_run({write_image("crc", uses_the_crc_unit()), "--for", "10ms"});
    EXPECT_EQ(result.exit_code, 0) << result.output << ": a warning changes no verdict";
    EXPECT_NE(result.output.find("fidelity warning"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("CRC (0x40023000): stored only (kept as written, nothing behind it); 1 write"),
              std::string::npos)
        << result.output;

    const CommandResult blink = sim_run({firmware("blink_systick.elf"), "--for", "100ms"});
    EXPECT_EQ(blink.output.find("fidelity warning"), std::string::npos) << blink.output;
}

TEST_F(SimRun, AHardFaultExitsOneAndSaysWhy)
{
    const CommandResult result = sim_run({firmware("hardfault.elf"), "--for", "100ms"});
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("firmware fault: HardFault, CFSR 0x02000000 (DIVBYZERO), HFSR 0x40000000 (FORCED)"),
              std::string::npos)
        << result.output;
}

TEST_F(SimRun, ALockupExitsOne)
{
    // An undefined instruction escalates to HardFault, whose vector lacks the Thumb bit: the
    // handler's first instruction faults again, in HardFault, and the core locks up.
    std::vector<uint8_t> bytes;
    for (const uint32_t word : {0x20005000u, 0x08000011u, 0u, 0x08000010u})
        for (unsigned i = 0; i < 4; ++i) bytes.push_back(uint8_t(word >> (8 * i)));
    for (const uint16_t half : {uint16_t(0xDE00), uint16_t(0xE7FE)}) {  // udf #0; b .
        bytes.push_back(uint8_t(half));
        bytes.push_back(uint8_t(half >> 8));
    }
    const CommandResult result = sim_run({write_image("lockup", bytes), "--for", "50ms"});
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("firmware fault: lockup"), std::string::npos) << result.output;
    EXPECT_EQ(sim_run({write_image("lockup", bytes), "--for", "50ms", "--ignore-faults"}).exit_code, 0);
}

TEST_F(SimRun, IgnoreFaultsExitsZeroAndStillReportsTheFault)
{
    const CommandResult result = sim_run({firmware("hardfault.elf"), "--for", "100ms", "--ignore-faults"});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("firmware fault: HardFault"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("ignored: --ignore-faults"), std::string::npos) << result.output;
}

TEST_F(SimRun, ASemihostingApplicationExitIsSuccess)
{
    const CommandResult hello = sim_run({firmware("semihost_hello.hex"), "--for", "1s"});
    EXPECT_EQ(hello.exit_code, 0) << hello.output;
    EXPECT_NE(hello.output.find("Hello from the Blue Pill"), std::string::npos) << hello.output;
    EXPECT_NE(hello.output.find("status 0 (ADP_Stopped_ApplicationExit)"), std::string::npos) << hello.output;

    const CommandResult extended = sim_run({write_image("extended-0", sys_exit_extended(kApplicationExit, 0)), "--for", "10ms"});
    EXPECT_EQ(extended.exit_code, 0) << extended.output;
}

TEST_F(SimRun, ASemihostingFailureExitIsATestFailure)
{
    const CommandResult runtime_error = sim_run({write_image("runtime-error", sys_exit(kRunTimeErrorUnknown)), "--for", "10ms"});
    EXPECT_EQ(runtime_error.exit_code, 1) << runtime_error.output;
    EXPECT_NE(runtime_error.output.find("ADP_Stopped_RunTimeErrorUnknown, 0x20023): a failure exit"), std::string::npos)
        << runtime_error.output;

    // Status 3 used to become exit code 3, which reads as "the bench failed".
    const CommandResult status_3 = sim_run({write_image("status-3", sys_exit_extended(kApplicationExit, 3)), "--for", "10ms"});
    EXPECT_EQ(status_3.exit_code, 1) << status_3.output;
    EXPECT_NE(status_3.output.find("status 3 (ADP_Stopped_ApplicationExit): a failure exit"), std::string::npos)
        << status_3.output;

    // --ignore-faults is about faults: a failure exit still fails.
    const CommandResult ignored = sim_run({write_image("ignored", sys_exit(kRunTimeErrorUnknown)), "--for", "10ms", "--ignore-faults"});
    EXPECT_EQ(ignored.exit_code, 1) << ignored.output;
}

TEST_F(SimRun, TheConsoleFirmwareGetsTheCommandLineAndStdinItIsGiven)
{
    const CommandResult result = sim_run({firmware("semihost_console.elf"), "--for", "1s", "--semihosting-cmdline",
                                          "semihost_console --greet Blue", "--semihosting-stdin",
                                          stdin_file("Pill\nnot read\n")});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("Hello Blue Pill\nthis line went to stderr\nall checks passed\n"), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("status 0 (ADP_Stopped_ApplicationExit)"), std::string::npos) << result.output;

    // Without options: an empty command line and stdin at its end at once.
    const CommandResult bare = sim_run({firmware("semihost_console.elf"), "--for", "1s"});
    EXPECT_EQ(bare.exit_code, 0) << bare.output;
    EXPECT_NE(bare.output.find("Hello  \n"), std::string::npos) << bare.output;
}

TEST_F(SimRun, NewlibsRdimonPrintsReadsStdinAndExitsThroughTheHost)
{
    // Real newlib (librdimon's crt0 and stdio), not a firmware that imitates it.
    const auto newlib_run = [this](std::vector<std::string> options) {
        options.insert(options.begin(), {firmware("newlib_rdimon.elf"), "--for", "1s"});
        return sim_run(options);
    };
    const CommandResult result = newlib_run({"--semihosting-stdin", stdin_file("Blue Pill\nnot read\n")});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("newlib says 42\nnewlib on stderr\nstdin gave [Blue Pill]\nbye\n"), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("status 0 (ADP_Stopped_ApplicationExit)"), std::string::npos) << result.output;

    // Stdin at its end at once: fgets returns NULL.
    const CommandResult bare = newlib_run({});
    EXPECT_EQ(bare.exit_code, 0) << bare.output;
    EXPECT_NE(bare.output.find("stdin gave nothing\n"), std::string::npos) << bare.output;

    // main returns 3: newlib's exit() found EXIT_EXTENDED in :semihosting-features and sent the status.
    const CommandResult failing = newlib_run({"--semihosting-stdin", stdin_file("exit 3\n")});
    EXPECT_EQ(failing.exit_code, 1) << failing.output;
    EXPECT_NE(failing.output.find("status 3 (ADP_Stopped_ApplicationExit): a failure exit"), std::string::npos)
        << failing.output;
}

TEST_F(SimRun, ACommandLineLongerThanTheFirmwaresBufferFailsItsCall)
{
    // semihost_console's buffer holds 79 characters and the NUL; its failed check is its exit status.
    const CommandResult result =
        sim_run({firmware("semihost_console.elf"), "--for", "1s", "--semihosting-cmdline", std::string(80, 'x')});
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("check failed: get the command line"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("status 2 (ADP_Stopped_ApplicationExit): a failure exit"), std::string::npos)
        << result.output;
}

TEST_F(SimRun, AStdinFileThatCannotBeReadIsAUsageError)
{
    const CommandResult result =
        sim_run({firmware("semihost_console.elf"), "--semihosting-stdin", (dir_ / "missing.txt").string()});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("--semihosting-stdin: cannot read"), std::string::npos) << result.output;
}

TEST_F(SimRun, TheVcdTracesThePinsTheFirmwareDrives)
{
    const fs::path vcd_path = dir_ / "blink.vcd";
    const CommandResult result = sim_run({firmware("blink_delay.elf"), "--for", "1200ms", "--vcd", vcd_path.string()});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const std::string text = read(vcd_path);
    const ParsedVcd vcd = parse_vcd(text);
    ASSERT_EQ(vcd.error, "") << text;
    EXPECT_EQ(vcd.names, (std::vector<std::string>{"PC13"}));
    // Undriven until main() configures PC13 as an output (ODR 0: low), then a toggle at ≈500 ms
    // and ≈1000 ms.
    const auto& changes = vcd.changes.at("PC13");
    ASSERT_EQ(changes.size(), 4u) << text;
    EXPECT_EQ(changes[0].second, 'z');
    EXPECT_EQ(changes[1].second, '0');
    EXPECT_EQ(changes[2].second, '1');
    EXPECT_EQ(changes[3].second, '0');
#ifdef HILTEST_SIGROK_CLI
    const CommandResult sigrok = run_external_command(ExternalCommand({HILTEST_SIGROK_CLI, "-I", "vcd", "-i", vcd_path.string(), "-O", "vcd"}));
    EXPECT_EQ(sigrok.exit_code, 0) << sigrok.output;
    EXPECT_NE(sigrok.output.find("$var wire 1 ! PC13 $end"), std::string::npos) << sigrok.output;
#endif
}

TEST_F(SimRun, PinsChoosesExactlyTheTracedPinsAndUndrivenOnesAreHighImpedance)
{
    const fs::path vcd_path = dir_ / "pins.vcd";
    const CommandResult result =
        sim_run({firmware("blink_delay.elf"), "--for", "600ms", "--vcd", vcd_path.string(), "--pins", "pc13,PA0,PB7"});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const std::string text = read(vcd_path);
    const ParsedVcd vcd = parse_vcd(text);
    ASSERT_EQ(vcd.error, "") << text;
    EXPECT_EQ(vcd.names, (std::vector<std::string>{"PC13", "PA0", "PB7"})) << "as given";
    using Changes = std::vector<std::pair<uint64_t, char>>;
    EXPECT_EQ(vcd.changes.at("PA0"), (Changes{{0, 'z'}})) << text;
    EXPECT_EQ(vcd.changes.at("PB7"), (Changes{{0, 'z'}})) << text;
    EXPECT_EQ(vcd.changes.at("PC13").size(), 3u) << text;
}

TEST_F(SimRun, AnUnknownPinIsAUsageErrorNamingTheValidRange)
{
    const CommandResult result =
        sim_run({firmware("blink_delay.elf"), "--for", "10ms", "--vcd", (dir_ / "x.vcd").string(), "--pins", "PA0,PF3"});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("'PF3' is not a pin"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("PA0 … PE15"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("simulated time"), std::string::npos) << "refused before the run";

    const CommandResult without_vcd = sim_run({firmware("blink_delay.elf"), "--for", "10ms", "--pins", "PA0"});
    EXPECT_EQ(without_vcd.exit_code, 2) << without_vcd.output;
    EXPECT_NE(without_vcd.output.find("--vcd"), std::string::npos) << without_vcd.output;
}

TEST_F(SimRun, AVcdPathThatCannotBeWrittenIsRefusedBeforeTheRun)
{
    std::ofstream(dir_ / "file") << "not a folder";
    const CommandResult result =
        sim_run({firmware("blink_delay.elf"), "--for", "10ms", "--vcd", (dir_ / "file" / "trace.vcd").string()});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("is a file, not a folder"), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("simulated time"), std::string::npos) << "refused before the run";
}

TEST_F(SimRun, TheVcdCanGoToStandardOutput)
{
    const CommandResult result = sim_run({firmware("blink_delay.elf"), "--for", "10ms", "--vcd", "/dev/stdout"});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("$enddefinitions $end"), std::string::npos) << result.output;
}

TEST_F(SimRun, CtrlCStopsTheRunWritesTheVcdAndPrintsTheSummary)
{
    // An hour of simulated time: far longer than the test waits. The handlers are in place before
    // the first line is printed, so the signal is sent as soon as that line arrives.
    const fs::path vcd_path = dir_ / "interrupted.vcd";
    namespace bp = boost::process;
    bp::ipstream out;
    bp::child child(bp::exe = kHiltest,
                    bp::args = {"sim", "run", firmware("blink_systick.elf"), "--for", "60min", "--vcd", vcd_path.string()},
                    bp::std_out > out, bp::std_err > bp::null);
    std::string line;
    std::string seen;
    while (std::getline(out, line)) {
        seen += line + "\n";
        if (line.starts_with("hiltest sim run:")) break;
    }
    ASSERT_NE(seen.find("hiltest sim run:"), std::string::npos) << seen;
    ASSERT_EQ(::kill(child.id(), SIGINT), 0);  // what Ctrl-C sends
    while (std::getline(out, line)) seen += line + "\n";
    child.wait();
    EXPECT_EQ(child.exit_code(), 130) << seen;
    EXPECT_NE(seen.find("interrupted: the summary so far"), std::string::npos) << seen;
    EXPECT_NE(seen.find("final state:"), std::string::npos) << seen;
    EXPECT_NE(seen.find("pin trace: " + vcd_path.string()), std::string::npos) << seen;
    const std::string text = read(vcd_path);
    EXPECT_EQ(parse_vcd(text).error, "") << text;
}

}  // namespace
}  // namespace hiltest
