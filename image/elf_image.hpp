#pragma once
// ELF32 ARM reader (libelf): PT_LOAD program headers become segments at their physical (load)
// addresses with p_filesz bytes (.data is loaded where the startup code copies it from, .bss
// is not loaded); .symtab gives the symbol table the runner's symbol-based assertions use.
#include <cstdint>
#include <span>
#include <string>

#include "image/image.hpp"

namespace hiltest::image {

// `source` names the file in error messages. Throws hiltest::Error(ImageFormat).
Image parse_elf(std::span<const uint8_t> bytes, const std::string& source);

}  // namespace hiltest::image
