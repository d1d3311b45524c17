#pragma once
// How hiltest writes a register, address, ID or byte for people: "0x" and upper-case hex
// digits, zero-padded to the width of the thing (8 for a word, 2 for a byte) and wider when the
// value needs it. One place, so every message, report and console line writes 0x08000000 alike.
#include <cstdint>
#include <span>
#include <string>

namespace hiltest {

std::string hex(std::uint64_t value, int digits = 8);

// Bytes as two lower-case digits each, no prefix: "e3b0c442…", the way digests and sysfs
// attributes write them.
std::string hex_digits(std::span<const std::uint8_t> bytes);

}  // namespace hiltest
