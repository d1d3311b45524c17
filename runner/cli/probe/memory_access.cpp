#include "runner/cli/probe/memory_access.hpp"

#include <cctype>

#include "image/image_file.hpp"
#include "probe/base/error.hpp"
#include "runner/cli/options/number_option.hpp"

namespace hiltest::cli {

CLI::Option* add_memory_location_argument(CLI::App& command, MemoryLocation& location, bool symbols,
                                          const std::string& help)
{
    return command.add_option_function<std::string>(
        "ADDR",
        [&location, symbols](const std::string& text) {
            const bool numeric = !text.empty() && std::isdigit(static_cast<unsigned char>(text[0])) != 0;
            if (numeric || !symbols)
                location.address = parse_u32(text, "ADDR");
            else
                location.symbol = text;
        },
        help);
}

CLI::Option* add_access_width_option(CLI::App& command, probe::arm::AccessWidth& width, const std::string& help)
{
    return command
        .add_option_function<unsigned>(
            "--width", [&width](unsigned bits) { width = static_cast<probe::arm::AccessWidth>(bits / 8); }, help)
        ->check(CLI::IsMember({8u, 16u, 32u}));
}

uint32_t resolve(const MemoryLocation& location, const std::string& elf)
{
    if (location.address) return *location.address;
    const std::string& name = location.symbol;
    if (elf.empty()) {
        throw Error(ErrorKind::Usage, "'" + name + "' is not an address, and no --elf file was given to look it up in",
                    "give an address (0x20000000) or the firmware's ELF with --elf FILE");
    }
    const auto image = image::load_image(elf);
    const auto* symbol = image.find_symbol(name);
    if (!symbol) {
        throw Error(ErrorKind::Usage, "the symbol '" + name + "' is not in " + elf,
                    "check the spelling; static variables may be renamed by the compiler");
    }
    return symbol->address;
}

}  // namespace hiltest::cli
