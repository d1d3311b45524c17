// benchmark_flash: flash a 60 KB pseudo-random image on the virtual bench (lockstep, modeled USB,
// SWD and flash timings) and compare with the chip's programming floor; then re-flash it
// unchanged. Durations are simulated time, so the numbers are the same on every machine.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <string>

#include <unistd.h>

#include "probe/base/error.hpp"
#include "tests/support/rig/flash_rig.hpp"

using namespace hiltest::probe::flash;
namespace rig = hiltest::testing;

namespace {

double ms(hiltest::Duration duration) { return std::chrono::duration<double, std::milli>(duration).count(); }

void print_run(const char* name, const FlashStatistics& s)
{
    std::printf("%-22s %9.1f ms  %6.1f KB/s  %5llu USB  erased %2u  programmed %2u  skipped %2u  floor %7.1f ms  x%.3f\n",
                name, ms(s.duration), s.kib_per_second(), static_cast<unsigned long long>(s.usb_transactions),
                s.pages_erased, s.pages_programmed, s.pages_skipped, ms(s.chip_floor),
                s.chip_floor.count() ? static_cast<double>(s.duration.count()) / static_cast<double>(s.chip_floor.count()) : 0.0);
}

#ifdef HILTEST_BINARY
void write_binary(const std::filesystem::path& path, const Image& image)
{
    std::ofstream out(path, std::ios::binary);
    const auto& data = image.segments.at(0).data;
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

// ST-Link commands a third-party client sends to the virtual bench served over USB (umockdev),
// from `hiltest sim usb --stats` (connection included, as in the product's own count below).
std::optional<unsigned long long> client_commands(const std::string& hiltest, const std::string& firmware,
                                                  const std::string& client)
{
    const std::string command = hiltest + " sim usb --stats --firmware " + firmware + " -- " + client + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return std::nullopt;
    std::string output;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
    const int status = ::pclose(pipe);
    std::smatch match;
    static const std::regex stats(R"((\d+) ST-Link commands)");
    if (status != 0 || !std::regex_search(output, match, stats)) {
        std::fprintf(stderr, "benchmark_flash: `%s` failed:\n%s\n", command.c_str(), output.c_str());
        return std::nullopt;
    }
    return std::stoull(match[1]);
}

#endif

void compare_with_other_tools(const Image& old_contents, const Image& image)
{
#ifdef HILTEST_BINARY
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("hiltest-bench-flash-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    write_binary(dir / "old.bin", old_contents);
    write_binary(dir / "new.bin", image);

    // The product's own driver, counted the same way: every command block the dongle received,
    // connection included.
    rig::FlashRig own(rig::flash_rig_config((dir / "old.bin").string()));
    FlashOptions flash_options = own.options();
    flash_options.run_after = true;
    own.flash(image, flash_options);
    const unsigned long long ours = own.bench.stlink().stats().commands;

    const auto st_flash = client_commands(HILTEST_BINARY, (dir / "old.bin").string(),
                                          "st-flash write " + (dir / "new.bin").string() + " 0x8000000");
    const auto openocd = client_commands(
        HILTEST_BINARY, (dir / "old.bin").string(),
        "openocd -f interface/stlink.cfg -f target/stm32f1x.cfg -c 'gdb_port disabled' -c 'tcl_port disabled' "
        "-c 'telnet_port disabled' -c 'program " + (dir / "new.bin").string() + " 0x08000000 verify reset exit'");
    fs::remove_all(dir);
    auto show = [](const std::optional<unsigned long long>& count) {
        return count ? std::to_string(*count) : std::string("n/a");
    };
    std::printf("USB commands for the same 60 KB image (connect + erase + program + verify + run):\n");
    std::printf("  hiltest %llu   st-flash write %s   openocd program ... verify %s\n", ours, show(st_flash).c_str(),
                show(openocd).c_str());
    if (st_flash && openocd) {
        const bool fewer = ours < *st_flash && ours < *openocd;
        std::printf("goal: fewer USB transactions than both -> %s\n", fewer ? "met" : "NOT met");
    }
#else
    (void)old_contents;
    (void)image;
    std::printf("USB comparison with st-flash/OpenOCD skipped: built without the hiltest binary\n");
#endif
}

}  // namespace

int main()
{
    try {
        constexpr size_t kBytes = 60 * 1024;
        rig::FlashRig bench;
        // Fill the flash with other firmware first, so the full flash has to erase every page.
        bench.flash(rig::random_image(0x08000000, kBytes, 1));
        const Image image = rig::random_image(0x08000000, kBytes, 2);

        const FlashStatistics full = bench.flash(image);
        const FlashStatistics again = bench.flash(image);
        FlashOptions direct_options = bench.options();
        direct_options.use_loader = false;
        bench.flash(rig::random_image(0x08000000, kBytes, 3));
        const FlashStatistics direct = bench.flash(image, direct_options);

        std::printf("60 KB pseudo-random image, STM32F103C8 model (tPROG 52.5 us, page erase 20 ms), "
                    "virtual ST-Link/V2 (1 ms per USB round trip)\n");
        print_run("full flash (loader)", full);
        print_run("unchanged re-flash", again);
        print_run("full flash (direct)", direct);
        const double ratio = static_cast<double>(full.duration.count()) / static_cast<double>(full.chip_floor.count());
        const double reflash = static_cast<double>(again.duration.count()) / static_cast<double>(full.duration.count());
        std::printf("goal: full flash <= 1.15 x floor: %.3f -> %s\n", ratio, ratio <= 1.15 ? "met" : "NOT met");
        std::printf("goal: unchanged re-flash < 5 %% of full: %.1f %% -> %s\n", reflash * 100, reflash < 0.05 ? "met" : "NOT met");
        compare_with_other_tools(rig::random_image(0x08000000, kBytes, 1), image);
        return 0;
    } catch (const hiltest::Error& error) {
        std::fprintf(stderr, "benchmark_flash: %s\n", error.what());
    } catch (const std::exception& error) {
        std::fprintf(stderr, "benchmark_flash: %s\n", error.what());
    }
    return 1;
}
