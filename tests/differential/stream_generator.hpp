#pragma once
// Seeded generator of Thumb/Thumb-2 instruction streams for the differential test. Every stream
// uses only encodings whose behaviour the architecture (docs/chip-facts.md, "Thumb-2 encodings")
// fully defines for a Cortex-M3 in privileged Thread mode (no UNPREDICTABLE register choices, no
// faults: aligned LDM/LDRD/LDREX, bounded addresses, forward or bounded backward branches), so
// two correct implementations must agree.
#include <cstdint>

#include "tests/differential/thumb_stream.hpp"

namespace hiltest::testing::differential {

// Decides which generated instructions must not be executed (known core bugs, see
// known_differences.hpp); they are replaced by a NOP of the same size. Must not match branches.
using InstructionFilter = bool (*)(const GeneratedInstruction& instruction);

// Same seed, same stream (the generator uses only its own std::mt19937_64).
Stream generate_stream(uint64_t seed, unsigned approximate_instructions, const MemoryLayout& layout = {},
                       InstructionFilter replace_with_nop = nullptr);

}  // namespace hiltest::testing::differential
