// hiltest write ADDR VALUE: one value into target memory.
#include <iostream>
#include <memory>
#include <vector>

#include "probe/base/hex.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/options/number_option.hpp"
#include "runner/cli/probe/memory_access.hpp"
#include "runner/cli/probe/probe_session.hpp"

namespace hiltest::cli {
namespace {

struct WriteOptions {
    ProbeCommandOptions probe;
    MemoryLocation address;
    uint32_t value = 0;
    probe::arm::AccessWidth width = probe::arm::AccessWidth::Bits32;
};

void write(const WriteOptions& o)
{
    const uint32_t address = resolve(o.address, {});
    ProbeSession s = open_probe_session(o.probe, false);
    const unsigned n = static_cast<unsigned>(o.width);
    std::vector<uint8_t> data(n);
    for (unsigned b = 0; b < n; ++b) data[b] = static_cast<uint8_t>(o.value >> (8 * b));
    s.stlink->write_memory(address, data, o.width);
    std::cout << "wrote " << hex(o.value) << " to " << hex(address) << "\n";
    close_probe_session(s, o.probe, true);
}

}  // namespace

void add_write_command(CLI::App& app, CommandContext& context)
{
    auto options = std::make_shared<WriteOptions>();
    auto* write_app = app.add_subcommand("write", "Write one value to target memory");
    add_probe_command_options(*write_app, options->probe);
    add_memory_location_argument(*write_app, options->address, false, "address (0x…)")->required();
    write_app
        ->add_option_function<std::string>(
            "VALUE", [&value = options->value](const std::string& text) { value = parse_u32(text, "VALUE"); },
            "value (0x… or decimal)")
        ->required();
    add_access_width_option(*write_app, options->width, "access size in bits");
    write_app->callback([options, &context] {
        write(*options);
        context.exit_code = kExitOk;
    });
}

}  // namespace hiltest::cli
