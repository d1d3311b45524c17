#pragma once
// What `hiltest read` and `hiltest write` take: a place in target memory (an address, or a
// symbol looked up in the firmware's ELF) and the access width, read as the command line is parsed.
#include <cstdint>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "probe/arm/target_access.hpp"

namespace hiltest::cli {

struct MemoryLocation {
    std::optional<uint32_t> address;  // written as a number
    std::string symbol;               // else: a name to look up with --elf
};

// ADDR: a number (decimal or 0x… hex) or, when `symbols`, a symbol name. Throws hiltest::Error
// (Usage, naming ADDR) for text that starts like a number and is none.
CLI::Option* add_memory_location_argument(CLI::App& command, MemoryLocation& location, bool symbols,
                                          const std::string& help);

// --width 8 | 16 | 32 (bits).
CLI::Option* add_access_width_option(CLI::App& command, probe::arm::AccessWidth& width, const std::string& help);

// The location's address; a symbol is looked up in `elf`. Throws hiltest::Error (Usage) for a
// symbol without an ELF or not in it, ImageFormat for an ELF that cannot be read.
uint32_t resolve(const MemoryLocation& location, const std::string& elf);

}  // namespace hiltest::cli
