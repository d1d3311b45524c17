#include "bench/cpu/qemu_run.hpp"

#include <boost/process.hpp>
#include <chrono>

namespace hiltest::bench {

QemuRun run_on_qemu(const std::string& elf_path)
{
    namespace bp = boost::process;
    QemuRun result;
    const auto qemu = bp::search_path("qemu-system-arm");
    if (qemu.empty()) {
        result.problem = "qemu-system-arm not found (Debian package qemu-system-arm)";
        return result;
    }
    try {
        bp::ipstream out;
        const auto start = std::chrono::steady_clock::now();
        bp::child child(qemu, "-M", "stm32vldiscovery", "-nographic", "-monitor", "none", "-serial", "none",
                        "-semihosting-config", "enable=on,target=native", "-kernel", elf_path,
                        bp::std_out > out, bp::std_err > bp::null, bp::std_in < bp::null);
        result.started = true;
        for (std::string line; std::getline(out, line);) result.output += line + "\n";
        child.wait();
        result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        result.exit_code = child.exit_code();
    } catch (const std::exception& error) {
        result.problem = error.what();
    }
    return result;
}

}  // namespace hiltest::bench
