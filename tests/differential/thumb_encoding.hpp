#pragma once
// Thumb/Thumb-2 field encoders and the names the generator's disassembly text uses. Encodings
// follow the architecture manual's encoding tables and instruction pages (docs/chip-facts.md,
// "Thumb-2 encodings").
#include <array>
#include <cstdint>
#include <string>
#include <utility>

namespace hiltest::testing::differential::encoding {

constexpr unsigned SP = 13, LR = 14, PC = 15;
inline constexpr std::array<const char*, 16> condition_names = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
                                                                "hi", "ls", "ge", "lt", "gt", "le", "",   "nv"};
inline constexpr std::array<const char*, 4> shift_names = {"lsl", "lsr", "asr", "ror"};

const char* reg(unsigned r);
std::string format(const char* pattern, ...) __attribute__((format(printf, 1, 2)));
std::string register_list(uint32_t mask);  // "{r0,r4,lr}"
uint32_t thumb_expand_imm(uint32_t imm12);  // ThumbExpandImm (docs/chip-facts.md), for the text only

// Branch and immediate encoders (also used to patch forward references). Offsets are relative
// to the instruction's address + 4 and must be in range for the encoding.
uint16_t encode_b_t1(unsigned cond, int32_t offset);
uint16_t encode_b_t2(int32_t offset);
uint16_t encode_cbz(bool nonzero, unsigned rn, int32_t offset);
std::pair<uint16_t, uint16_t> encode_b_t3(unsigned cond, int32_t offset);
std::pair<uint16_t, uint16_t> encode_b_t4(int32_t offset, bool link);
std::pair<uint16_t, uint16_t> encode_movw_movt(bool top, unsigned rd, uint32_t imm16);

}  // namespace hiltest::testing::differential::encoding
