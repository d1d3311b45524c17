// The generator itself: deterministic, well-formed, and it really produces every class.
#include <gtest/gtest.h>

#include <set>

#include "tests/differential/stream_generator.hpp"

namespace hiltest::testing::differential {
namespace {

TEST(CortexM3DifferentialGenerator, SameSeedSameStream)
{
    const Stream first = generate_stream(42, 300);
    const Stream second = generate_stream(42, 300);
    EXPECT_EQ(first.code, second.code);
    EXPECT_EQ(first.initial.registers, second.initial.registers);
    EXPECT_EQ(first.initial.ram, second.initial.ram);
    EXPECT_NE(first.code, generate_stream(43, 300).code);
}

TEST(CortexM3DifferentialGenerator, InstructionsMatchTheCodeBytes)
{
    const Stream stream = generate_stream(7, 400);
    ASSERT_FALSE(stream.instructions.empty());
    uint32_t previous = 0;
    for (const auto& instruction : stream.instructions) {
        EXPECT_GT(instruction.address, previous) << instruction.text;
        previous = instruction.address;
        const std::size_t offset = instruction.address - stream.start;
        ASSERT_LE(offset + instruction.size, stream.code.size());
        EXPECT_EQ(stream.code[offset] | stream.code[offset + 1] << 8, instruction.first) << instruction.text;
        // 32-bit encodings start with 0b11101, 0b11110 or 0b11111 (docs/chip-facts.md, "Thumb-2
        // encodings"); 16-bit ones never do.
        EXPECT_EQ(instruction.size == 4, (instruction.first >> 11) >= 0x1D) << instruction.text;
        EXPECT_FALSE(instruction.text.empty());
    }
    EXPECT_EQ(stream.instruction_at(stream.instructions[3].address), &stream.instructions[3]);
    EXPECT_LT(stream.end, 0x08004000u);
}

TEST(CortexM3DifferentialGenerator, ProducesEveryEncodingClass)
{
    std::set<EncodingClass> seen;
    for (uint64_t seed = 1; seed <= 40; ++seed)
        for (const auto& instruction : generate_stream(seed, 250).instructions) seen.insert(instruction.encoding_class);
    for (std::size_t i = 0; i < encoding_class_count; ++i)
        EXPECT_TRUE(seen.count(static_cast<EncodingClass>(i))) << encoding_class_name(static_cast<EncodingClass>(i));
}

}  // namespace
}  // namespace hiltest::testing::differential

namespace hiltest::testing::differential {
namespace {

bool is_uxth_t1(const GeneratedInstruction& instruction)
{
    return instruction.size == 2 && (instruction.first & 0xFFC0) == 0xB280;
}

TEST(CortexM3DifferentialGenerator, FilterReplacesInstructionsByNopsOfTheSameSize)
{
    bool replaced = false;
    for (uint64_t seed = 1; seed <= 20 && !replaced; ++seed) {
        const Stream plain = generate_stream(seed, 300);
        const Stream filtered = generate_stream(seed, 300, {}, &is_uxth_t1);
        ASSERT_EQ(plain.instructions.size(), filtered.instructions.size());
        for (std::size_t i = 0; i < plain.instructions.size(); ++i) {
            EXPECT_FALSE(is_uxth_t1(filtered.instructions[i]));
            EXPECT_EQ(plain.instructions[i].address, filtered.instructions[i].address);
            if (is_uxth_t1(plain.instructions[i])) {
                replaced = true;
                EXPECT_EQ(filtered.instructions[i].first, 0xBF00);
                const std::size_t offset = filtered.instructions[i].address - filtered.start;
                EXPECT_EQ(filtered.code[offset], 0x00);
                EXPECT_EQ(filtered.code[offset + 1], 0xBF);
            }
        }
    }
    EXPECT_TRUE(replaced) << "no UXTH in 20 streams: the filter was never exercised";
}

}  // namespace
}  // namespace hiltest::testing::differential
