#include "benchmarks/cpu/qemu_run.hpp"

#include <chrono>

#include "probe/base/error.hpp"
#include "probe/base/external_command.hpp"

namespace hiltest::benchmarks {

QemuRun run_on_qemu(const std::string& elf_path)
{
    QemuRun result;
    ExternalCommand command({"qemu-system-arm", "-M", "stm32vldiscovery", "-nographic", "-monitor", "none", "-serial",
                             "none", "-semihosting-config", "enable=on,target=native", "-kernel", elf_path});
    // The benchmark image exits through semihosting in well under a second; a QEMU that does not
    // exit (no semihosting, a hung image) must not hang the benchmark.
    command.timeout = std::chrono::minutes(2);
    try {
        const auto start = std::chrono::steady_clock::now();
        const CommandResult run = run_external_command(command);
        result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        result.started = true;
        result.output = run.output;
        result.exit_code = run.exit_code;
        if (run.timed_out) result.problem = "qemu-system-arm did not exit within 2 minutes";
    } catch (const Error& error) {
        result.problem = std::string(error.what()) + " (Debian package qemu-system-arm)";
    }
    return result;
}

}  // namespace hiltest::benchmarks
