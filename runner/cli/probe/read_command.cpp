// hiltest read ADDR: words, half-words or bytes of target memory, at an address or a symbol.
#include <iostream>
#include <memory>
#include <vector>

#include "probe/base/hex.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/probe/memory_access.hpp"
#include "runner/cli/probe/probe_session.hpp"

namespace hiltest::cli {
namespace {

struct ReadOptions {
    ProbeCommandOptions probe;
    MemoryLocation where;
    std::string elf;
    uint32_t count = 1;
    probe::arm::AccessWidth width = probe::arm::AccessWidth::Bits32;
};

void read(const ReadOptions& o)
{
    const uint32_t address = resolve(o.where, o.elf);
    ProbeSession s = open_probe_session(o.probe, false);
    const unsigned bytes_per_item = static_cast<unsigned>(o.width);
    std::vector<uint8_t> data(static_cast<std::size_t>(o.count) * bytes_per_item);
    s.stlink->read_memory(address, data, o.width);
    for (uint32_t i = 0; i < o.count; ++i) {
        uint32_t value = 0;
        for (unsigned b = 0; b < bytes_per_item; ++b) value |= uint32_t{data[i * bytes_per_item + b]} << (8 * b);
        std::cout << hex(address + i * bytes_per_item) << ": " << hex(value, static_cast<int>(bytes_per_item * 2))
                  << "\n";
    }
    close_probe_session(s, o.probe, true);
}

}  // namespace

void add_read_command(CLI::App& app, CommandContext& context)
{
    auto options = std::make_shared<ReadOptions>();
    auto* read_app = app.add_subcommand("read", "Read target memory: words, half-words or bytes");
    add_probe_command_options(*read_app, options->probe);
    add_memory_location_argument(*read_app, options->where, true, "address (0x…) or symbol name (needs --elf)")
        ->required();
    read_app->add_option("--elf", options->elf, "ELF file to look symbols up in");
    read_app->add_option("--count", options->count, "number of items")->check(CLI::Range(1u, 1u << 20));
    add_access_width_option(*read_app, options->width, "item size in bits");
    read_app->callback([options, &context] {
        read(*options);
        context.exit_code = kExitOk;
    });
}

}  // namespace hiltest::cli
