#pragma once
// The reference point: the same firmware image on qemu-system-arm -M stm32vldiscovery with
// native semihosting, run as an external command (with a time limit) and timed from spawn to exit.
#include <string>

namespace hiltest::benchmarks {

struct QemuRun {
    bool started = false;
    int exit_code = -1;      // QEMU's status: 0 after ADP_Stopped_ApplicationExit
    double wall_seconds = 0;
    std::string output;
    std::string problem;     // why it did not run
};

QemuRun run_on_qemu(const std::string& elf_path);

}  // namespace hiltest::benchmarks
