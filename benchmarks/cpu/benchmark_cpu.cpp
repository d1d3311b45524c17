// benchmark_cpu: how fast the simulated Cortex-M3 runs firmware (benchmarks/README.md).
//   benchmark_cpu [--cpu-image cpu_bench.elf] [--idle-image idle_wfi.elf] [--no-qemu]
// 1. cpu_bench.elf (CRC32 + sieve) to SYS_EXIT: simulated instructions, wall time, M instr/s,
//    real-time factor against a 72 MHz STM32F103; then the same image on qemu-system-arm.
// 2. idle_wfi.elf (WFI + 1 ms SysTick at 8 MHz) to SYS_EXIT after 1 s of board time.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "benchmarks/cpu/bench_board.hpp"
#include "benchmarks/cpu/qemu_run.hpp"
#include "fixtures/bluepill/cpu/cortex_m3.hpp"
#include "fixtures/bluepill/cpu/semihosting_host.hpp"
#include "image/image_file.hpp"
#include "probe/base/error.hpp"

namespace {

using namespace hiltest;

#ifndef HILTEST_FIRMWARE_DIR
#define HILTEST_FIRMWARE_DIR "firmware"
#endif

struct Measurement {
    sim::SemihostedRun run;
    uint64_t instructions = 0;
    uint64_t cycles = 0;
    double wall_seconds = 0;
};

Measurement run_image(const std::string& path, uint64_t cycle_budget)
{
    benchmarks::BenchBus bus;
    for (const auto& segment : image::load_image(path).segments)
        if (!bus.load(segment.address, segment.data))
            throw Error(ErrorKind::ImageFormat, path + ": a load segment lies outside flash and SRAM",
                        "link the image for the STM32F103 memory map");
    sim::CortexM3 core(bus);
    core.reset(sim::ResetKind::PowerOn);
    Measurement measurement;
    const auto start = std::chrono::steady_clock::now();
    measurement.run = sim::run_semihosted(core, cycle_budget);
    measurement.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    measurement.instructions = core.instructions_retired();
    measurement.cycles = core.cycle_count();
    return measurement;
}

bool succeeded(const Measurement& measurement)
{
    return measurement.run.exited && measurement.run.exit_reason == sim::SemihostingHost::kApplicationExit;
}

void print_outcome(const Measurement& measurement)
{
    if (!measurement.run.output.empty()) std::printf("  firmware says:      %s", measurement.run.output.c_str());
    if (succeeded(measurement)) return;
    if (measurement.run.exited)
        std::printf("  FAILED: SYS_EXIT with reason 0x%x (0x20026 expected)\n", measurement.run.exit_reason.value_or(0));
    else
        std::printf("  FAILED: %s\n", measurement.run.stopped_because.c_str());
}

}  // namespace

int main(int argc, char** argv)
{
    std::string cpu_image = std::string(HILTEST_FIRMWARE_DIR) + "/cpu_bench.elf";
    std::string idle_image = std::string(HILTEST_FIRMWARE_DIR) + "/idle_wfi.elf";
    bool with_qemu = true;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--cpu-image") && i + 1 < argc) cpu_image = argv[++i];
        else if (!std::strcmp(argv[i], "--idle-image") && i + 1 < argc) idle_image = argv[++i];
        else if (!std::strcmp(argv[i], "--no-qemu")) with_qemu = false;
        else {
            std::fprintf(stderr, "usage: %s [--cpu-image ELF] [--idle-image ELF] [--no-qemu]\n", argv[0]);
            return 2;
        }
    }
    bool ok = true;
    try {
        std::printf("CPU-bound: %s\n", cpu_image.c_str());
        const Measurement cpu = run_image(cpu_image, 4'000'000'000ull);
        print_outcome(cpu);
        ok = ok && succeeded(cpu);
        const double mips = double(cpu.instructions) / cpu.wall_seconds / 1e6;
        std::printf("  simulated:          %llu instructions, %llu cycles\n",
                    static_cast<unsigned long long>(cpu.instructions), static_cast<unsigned long long>(cpu.cycles));
        std::printf("  wall time:          %.3f s\n", cpu.wall_seconds);
        std::printf("  speed:              %.1f M simulated instructions/s (goal >= 250)\n", mips);
        std::printf("  real-time factor:   %.2f x a 72 MHz STM32F103 (simulated cycles / (72e6 * wall s))\n",
                    double(cpu.cycles) / (72e6 * cpu.wall_seconds));
        if (with_qemu) {
            const benchmarks::QemuRun qemu = benchmarks::run_on_qemu(cpu_image);
            if (!qemu.started || !qemu.problem.empty()) {
                std::printf("  qemu-system-arm:    not run: %s\n", qemu.problem.c_str());
            } else {
                std::printf("  qemu-system-arm:    %.3f s wall (exit status %d, start-up included)%s\n", qemu.wall_seconds,
                            qemu.exit_code, qemu.exit_code == 0 ? "" : "  FAILED");
                std::printf("  ratio:              simulated core takes %.2f x QEMU's wall time\n",
                            cpu.wall_seconds / qemu.wall_seconds);
                ok = ok && qemu.exit_code == 0;
            }
        }

        std::printf("Idle (WFI, 1 ms SysTick): %s\n", idle_image.c_str());
        const Measurement idle = run_image(idle_image, 80'000'000);
        print_outcome(idle);
        ok = ok && succeeded(idle);
        const double board_seconds = double(idle.cycles) / 8e6;  // HSI 8 MHz after reset
        std::printf("  simulated:          %.3f s of board time (%llu cycles at 8 MHz), %llu instructions\n", board_seconds,
                    static_cast<unsigned long long>(idle.cycles), static_cast<unsigned long long>(idle.instructions));
        std::printf("  wall time:          %.3f ms (goal < 10 ms per simulated second)\n", idle.wall_seconds * 1e3);
    } catch (const hiltest::Error& error) {
        std::fprintf(stderr, "benchmark_cpu: %s\n  remedy: %s\n", error.what(), error.remedy().c_str());
        return 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "benchmark_cpu: %s\n", error.what());
        return 1;
    }
    return ok ? 0 : 1;
}
