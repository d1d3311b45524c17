#include "tests/differential/thumb_encoding.hpp"

#include <cstdarg>
#include <cstdio>

namespace hiltest::testing::differential::encoding {

static constexpr std::array<const char*, 16> register_names = {"r0", "r1", "r2",  "r3",  "r4",  "r5", "r6", "r7",
                                                        "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"};

const char* reg(unsigned r) { return register_names[r & 15]; }

std::string format(const char* pattern, ...)
{
    char buffer[160];
    va_list args;
    va_start(args, pattern);
    std::vsnprintf(buffer, sizeof buffer, pattern, args);
    va_end(args);
    return buffer;
}

std::string register_list(uint32_t mask)
{
    std::string text = "{";
    for (unsigned r = 0; r < 16; ++r) {
        if (!(mask & (1u << r))) continue;
        if (text.size() > 1) text += ",";
        text += reg(r);
    }
    return text + "}";
}

namespace {

uint32_t ror32(uint32_t value, unsigned amount)
{
    amount &= 31;
    return amount ? (value >> amount) | (value << (32 - amount)) : value;
}

}  // namespace

uint32_t thumb_expand_imm(uint32_t imm12)
{
    const uint32_t imm8 = imm12 & 0xFF;
    if ((imm12 >> 10) == 0) {
        switch ((imm12 >> 8) & 3) {
        case 0: return imm8;
        case 1: return imm8 | imm8 << 16;
        case 2: return imm8 << 8 | imm8 << 24;
        default: return imm8 | imm8 << 8 | imm8 << 16 | imm8 << 24;
        }
    }
    return ror32(0x80 | (imm12 & 0x7F), imm12 >> 7);
}

// Branch and immediate encoders (also used to patch forward references).
uint16_t encode_b_t1(unsigned cond, int32_t offset) { return uint16_t(0xD000 | cond << 8 | ((offset >> 1) & 0xFF)); }
uint16_t encode_b_t2(int32_t offset) { return uint16_t(0xE000 | ((offset >> 1) & 0x7FF)); }
uint16_t encode_cbz(bool nonzero, unsigned rn, int32_t offset)
{
    return uint16_t(0xB100 | unsigned(nonzero) << 11 | ((offset >> 6) & 1) << 9 | ((offset >> 1) & 0x1F) << 3 | rn);
}
std::pair<uint16_t, uint16_t> encode_b_t3(unsigned cond, int32_t offset)
{
    const unsigned s = (offset >> 20) & 1, j2 = (offset >> 19) & 1, j1 = (offset >> 18) & 1;
    return {uint16_t(0xF000 | s << 10 | cond << 6 | ((offset >> 12) & 0x3F)),
            uint16_t(0x8000 | j1 << 13 | j2 << 11 | ((offset >> 1) & 0x7FF))};
}
std::pair<uint16_t, uint16_t> encode_b_t4(int32_t offset, bool link)
{
    const unsigned s = (offset >> 24) & 1, i1 = (offset >> 23) & 1, i2 = (offset >> 22) & 1;
    const unsigned j1 = (~(i1 ^ s)) & 1, j2 = (~(i2 ^ s)) & 1;
    return {uint16_t(0xF000 | s << 10 | ((offset >> 12) & 0x3FF)),
            uint16_t((link ? 0xD000 : 0x9000) | j1 << 13 | j2 << 11 | ((offset >> 1) & 0x7FF))};
}
std::pair<uint16_t, uint16_t> encode_movw_movt(bool top, unsigned rd, uint32_t imm16)
{
    return {uint16_t((top ? 0xF2C0 : 0xF240) | ((imm16 >> 11) & 1) << 10 | ((imm16 >> 12) & 0xF)),
            uint16_t(((imm16 >> 8) & 7) << 12 | rd << 8 | (imm16 & 0xFF))};
}

}  // namespace hiltest::testing::differential::encoding
