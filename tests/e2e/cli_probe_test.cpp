// The probe commands as a user runs them: `hiltest info|read|write|reset --probe sim …`,
// spawned as a process, checked on output and exit code.
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

Result run_hiltest(std::vector<std::string> args)
{
    namespace bp = boost::process;
    bp::ipstream out;
    bp::child child(bp::exe = HILTEST_BINARY, bp::args = args, (bp::std_out & bp::std_err) > out);
    Result r;
    std::string line;
    while (std::getline(out, line)) r.output += line + "\n";
    child.wait();
    r.exit_code = child.exit_code();
    return r;
}

std::string firmware(const std::string& name) { return ::hiltest::testing::firmware_elf(name); }

bool contains(const Result& r, const std::string& text) { return r.output.find(text) != std::string::npos; }

}  // namespace

TEST(ProbeCli, InfoOnTheSimulatedBench)
{
    const Result r = run_hiltest({"info", "--probe", "sim"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r, "STM32F103 medium density")) << r.output;
    EXPECT_TRUE(contains(r, "64 KB")) << r.output;
    EXPECT_TRUE(contains(r, "0x1BA01477")) << r.output;
    EXPECT_TRUE(contains(r, "3.30 V")) << r.output;
    EXPECT_FALSE(contains(r, "clone")) << r.output;
}

TEST(ProbeCli, InfoWarnsAboutTheCloneDpidr)
{
    const Result r = run_hiltest({"info", "--probe", "sim", "--sim-dpidr", "0x2BA01477"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r, "warning:")) << r.output;
    EXPECT_TRUE(contains(r, "CS32F103")) << r.output;
}

TEST(ProbeCli, SwdLockoutAutoConnectsUnderResetWithStatistics)
{
    const Result r = run_hiltest({"info", "--probe", "sim", "--sim-firmware", firmware("swd_lockout"), "--stats"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r, "connected under-reset after 2 attempt(s)")) << r.output;
    EXPECT_TRUE(contains(r, "\"attempts\": 2")) << r.output;
}

TEST(ProbeCli, SwdLockoutWithoutNrstFailsWithTheRemedy)
{
    const Result r = run_hiltest({"info", "--probe", "sim", "--sim-firmware", firmware("swd_lockout"),
                              "--sim-nrst-wired", "no"});
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_TRUE(contains(r, "hold the board's RESET button")) << r.output;
    EXPECT_TRUE(contains(r, "power-cycle")) << r.output;
}

TEST(ProbeCli, SwdLockoutWithoutNrstConnectsWithTheResetButtonHeld)
{
    // The same board, its RESET button held for 1.5 s from power-on: the person is told when to let go.
    const Result r = run_hiltest({"info", "--probe", "sim", "--sim-firmware", firmware("swd_lockout"),
                              "--sim-nrst-wired", "no", "--sim-reset-button-ms", "1500", "--stats"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r, "keep holding it until hiltest says to release it")) << r.output;
    EXPECT_TRUE(contains(r, "release the board's RESET button now")) << r.output;
    EXPECT_TRUE(contains(r, "STM32F103 medium density")) << r.output;
    EXPECT_TRUE(contains(r, "\"attempts\": 1")) << r.output;
    EXPECT_TRUE(contains(r, "RESET button held 1500 ms")) << r.output;
}

TEST(ProbeCli, ReadsAddressesAndSymbols)
{
    const Result vectors = run_hiltest({"read", "0x08000000", "--count", "2", "--probe", "sim", "--sim-firmware",
                                    firmware("blink_delay")});
    ASSERT_EQ(vectors.exit_code, 0) << vectors.output;
    EXPECT_TRUE(contains(vectors, "0x08000000: 0x20005000")) << vectors.output;
    const Result symbol = run_hiltest({"read", "blink_count", "--elf", firmware("blink_delay"), "--probe", "sim",
                                   "--sim-firmware", firmware("blink_delay")});
    ASSERT_EQ(symbol.exit_code, 0) << symbol.output;
    EXPECT_TRUE(contains(symbol, "0x200")) << symbol.output;
    const Result flash_size = run_hiltest({"read", "0x1FFFF7E0", "--width", "16", "--probe", "sim"});
    EXPECT_TRUE(contains(flash_size, "0x1FFFF7E0: 0x0040")) << flash_size.output;
}

TEST(ProbeCli, WriteReportsWhatItWrote)
{
    const Result w = run_hiltest({"write", "0x20000100", "0x1234", "--probe", "sim"});
    ASSERT_EQ(w.exit_code, 0) << w.output;
    EXPECT_TRUE(contains(w, "wrote 0x00001234 to 0x20000100")) << w.output;
}

TEST(ProbeCli, ResetHaltStopsAtTheResetVector)
{
    const Result r = run_hiltest({"reset", "--halt", "--probe", "sim", "--sim-firmware", firmware("blink_delay")});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r, "halted at PC 0x08000")) << r.output;
}

TEST(ProbeCli, ErrorsHaveDocumentedExitCodes)
{
    EXPECT_EQ(run_hiltest({"read", "0x60000000", "--probe", "sim"}).exit_code, 3);  // target fault
    EXPECT_EQ(run_hiltest({"read", "nosuch", "--probe", "sim"}).exit_code, 2);      // usage
    EXPECT_EQ(run_hiltest({"info", "--probe", "jlink"}).exit_code, 2);              // bad selector
    EXPECT_EQ(run_hiltest({"info", "--probe", "sim", "--target", "stm32f3x"}).exit_code, 3);  // wrong target
}
