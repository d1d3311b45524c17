// The benchmark images on the simulated core, checked for what they simulate, never for speed:
// cpu_bench passes its own CRC32/sieve checks, idle_wfi sleeps exactly one second of board time.
#include <gtest/gtest.h>

#include <string>

#include "benchmarks/cpu/bench_board.hpp"
#include "fixtures/bluepill/cpu/cortex_m3.hpp"
#include "fixtures/bluepill/cpu/semihosting_host.hpp"
#include "image/image_file.hpp"
#include "probe/base/error.hpp"
#include "tests/support/firmware_paths.hpp"

namespace hiltest::benchmarks {
namespace {

struct Outcome {
    sim::SemihostedRun run;
    uint64_t instructions = 0;
    uint64_t cycles = 0;
};

Outcome run_firmware(const std::string& name, uint64_t cycle_budget)
{
    BenchBus bus;
    for (const auto& segment : image::load_image(hiltest::testing::firmware_file(name)).segments)
        EXPECT_TRUE(bus.load(segment.address, segment.data)) << name << " segment at " << segment.address;
    sim::CortexM3 core(bus);
    core.reset(sim::ResetKind::PowerOn);
    Outcome outcome;
    outcome.run = sim::run_semihosted(core, cycle_budget);
    outcome.instructions = core.instructions_retired();
    outcome.cycles = core.cycle_count();
    return outcome;
}

TEST(BenchCpuFirmware, CpuBenchPassesItsOwnChecks)
{
    const Outcome outcome = run_firmware("cpu_bench.elf", 2'000'000'000);
    ASSERT_TRUE(outcome.run.exited) << outcome.run.stopped_because;
    EXPECT_EQ(outcome.run.exit_reason, sim::SemihostingHost::kApplicationExit);
    EXPECT_EQ(outcome.run.output, "cpu_bench: ok\n");
    // Sized for ~1 s at the speed goal: a few hundred million instructions, not more.
    EXPECT_GT(outcome.instructions, 100'000'000u);
    EXPECT_LT(outcome.instructions, 500'000'000u);
}

TEST(BenchCpuFirmware, IdleWfiSleepsOneSecondOfBoardTime)
{
    const Outcome outcome = run_firmware("idle_wfi.elf", 80'000'000);
    ASSERT_TRUE(outcome.run.exited) << outcome.run.stopped_because;
    EXPECT_EQ(outcome.run.exit_reason, sim::SemihostingHost::kApplicationExit);
    // 1000 SysTick periods of 8000 cycles at the 8 MHz reset clock, plus start-up.
    EXPECT_GE(outcome.cycles, 8'000'000u);
    EXPECT_LT(outcome.cycles, 8'010'000u);
    // Sleeping, not spinning: about ten instructions per tick.
    EXPECT_LT(outcome.instructions, 50'000u);
}

TEST(BenchCpuFirmware, MissingImageIsAnImageFormatError)
{
    try {
        image::load_image(hiltest::testing::firmware_file("no_such_image.elf"));
        FAIL() << "no error for a missing image";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::ImageFormat);
        EXPECT_FALSE(error.remedy().empty());
    }
}

}  // namespace
}  // namespace hiltest::benchmarks
