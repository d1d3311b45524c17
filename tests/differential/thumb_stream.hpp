#pragma once
// A generated Thumb-2 instruction stream plus the machine state it starts from. The generator
// (stream_generator.hpp) produces these from a seed; the differential runner executes them on
// the simulated core and on Unicorn and compares.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/differential/encoding_class.hpp"

namespace hiltest::testing::differential {

// Where streams live. Both machines map the same regions; only the data window is compared
// (code is never written by a stream).
struct MemoryLayout {
    uint32_t flash_base = 0x08000000;   // vector table + code, read-only for the streams
    uint32_t flash_size = 0x10000;
    uint32_t code_base = 0x08001000;    // first instruction of every stream
    uint32_t code_limit = 0x08004000;   // streams stay below (leaves room for literal loads)
    uint32_t ram_base = 0x20000000;     // the compared data window
    uint32_t ram_size = 0x2000;
    uint32_t data_low = 0x20000400;     // base registers of loads/stores are set inside [low, high)
    uint32_t data_high = 0x20000C00;
    uint32_t stack_low = 0x20001400;    // SP stays inside [low, high] so SP-relative accesses fit
    uint32_t stack_high = 0x20001C00;
};

struct GeneratedInstruction {
    uint32_t address = 0;
    uint16_t first = 0;       // first (or only) halfword
    uint16_t second = 0;      // second halfword of a 32-bit encoding
    uint8_t size = 2;         // bytes
    EncodingClass encoding_class = EncodingClass::T16Hint;
    std::string text;         // the generator's own disassembly
};

struct InitialState {
    std::array<uint32_t, 16> registers{};  // r0-r15; r13 = SP (MSP), r15 = first instruction
    uint32_t xpsr = 0x01000000;            // T bit + random N Z C V Q
    std::vector<uint8_t> ram;              // contents of the data window
};

struct Stream {
    uint64_t seed = 0;
    uint32_t start = 0;       // first instruction
    uint32_t end = 0;         // execution stops when PC reaches this address
    std::vector<uint8_t> code;  // bytes from `start`
    std::vector<GeneratedInstruction> instructions;
    InitialState initial;

    // The instruction at `address`, or nullptr (data, e.g. a TBB table, or outside the stream).
    const GeneratedInstruction* instruction_at(uint32_t address) const;
};

// Vector table (SP = top of the stack window, reset PC = a "b ." at flash_base + 0x100) followed
// by the stream's code at layout.code_base: what both machines get as flash.
void write_flash_image(std::vector<uint8_t>& flash, const Stream& stream, const MemoryLayout& layout);

// "f8d0 1004" / "4408": how reports print an encoding.
std::string encoding_hex(const GeneratedInstruction& instruction);

}  // namespace hiltest::testing::differential
