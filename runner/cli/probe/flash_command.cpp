// hiltest flash IMAGE: program an image into the target's flash and start it. Pages that
// already hold the image are skipped; programmed pages are verified.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "image/image_file.hpp"
#include "probe/flash/stm32f1_programmer.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/probe/probe_session.hpp"

namespace hiltest::cli {
namespace {

struct FlashCommandOptions {
    ProbeCommandOptions probe;
    std::string image;
    bool verify = true;
    bool no_verify = false;
    bool unlock = false;
    bool no_skip = false;
    bool no_loader = false;
};

void flash(const FlashCommandOptions& o)
{
    const image::Image image = image::load_image(o.image);
    ProbeSession s = open_probe_session(o.probe, false);
    probe::flash::Stm32f1Programmer programmer(*s.core, probe::flash::geometry_for(s.connection.target));
    probe::flash::FlashOptions options;
    options.verify = !o.no_verify;
    options.unlock = o.unlock;
    options.skip_unchanged = !o.no_skip;
    options.use_loader = !o.no_loader;
    options.run_after = true;
    options.usb_transactions = [&s] { return s.stlink->counters().commands; };
    const bool terminal = ::isatty(STDOUT_FILENO) != 0;
    options.progress = [terminal](const probe::flash::FlashProgress& progress) {
        if (terminal) std::cout << '\r' << probe::flash::progress_line(progress) << std::flush;
    };
    const probe::flash::FlashStatistics stats = programmer.program(image, options);
    if (terminal) std::cout << "\n";
    if (stats.unlocked) std::cout << "read-out protection removed: the chip was mass-erased\n";
    char line[256];
    std::snprintf(line, sizeof line, "flashed %s: %llu bytes, %u pages programmed, %u unchanged, %s, %.1f KiB/s (%s)\n",
                  o.image.c_str(), static_cast<unsigned long long>(stats.image_bytes), stats.pages_programmed,
                  stats.pages_skipped, stats.verified ? "verified" : "not verified", stats.kib_per_second(),
                  stats.used_loader ? "RAM loader" : "direct writes");
    std::cout << line;
    if (stats.link_lost_after_start)
        std::cout << "the new firmware started and took the SWD pins (or sleeps): the board answers the debugger "
                     "again only when connected under reset (--connect under-reset)\n";
    close_probe_session(s, o.probe, false);  // the new firmware runs
}

}  // namespace

void add_flash_command(CLI::App& app, CommandContext& context)
{
    auto options = std::make_shared<FlashCommandOptions>();
    auto* flash_app = app.add_subcommand(
        "flash", "Program an image (ELF, HEX or BIN at 0x08000000) into the target's flash and start it.\n"
                 "Pages that already hold the image are skipped; programmed pages are verified.");
    add_probe_command_options(*flash_app, options->probe);
    flash_app->add_option("IMAGE", options->image, "firmware image: .elf, .hex or .bin")
        ->required()
        ->check(CLI::ExistingFile);
    flash_app->add_flag("--verify", options->verify, "verify the programmed pages (the default)");
    flash_app->add_flag("--no-verify", options->no_verify, "do not verify");
    flash_app->add_flag("--unlock", options->unlock,
                        "remove read-out protection (RDP level 1) first: this ERASES THE WHOLE CHIP");
    flash_app->add_flag("--no-skip", options->no_skip, "erase and program every touched page, even unchanged ones");
    flash_app->add_flag("--no-loader", options->no_loader, "program through the debug port instead of the RAM loader");
    flash_app->callback([options, &context] {
        flash(*options);
        context.exit_code = kExitOk;
    });
}

}  // namespace hiltest::cli
