// 32-bit data processing: modified/plain immediate, shifted register, multiply, divide
// (docs/chip-facts.md, "Thumb-2 encodings").
#include <array>
#include <cstdint>
#include <string>

#include "tests/differential/generator.hpp"

// Each generator names the UNPREDICTABLE cases it avoids (the instruction pages, docs/chip-facts.md,
// "Thumb-2 encodings").

namespace hiltest::testing::differential::detail {

// 32-bit data processing

void Generator::t32_modified_immediate()
{
    // op: 0 AND/TST 1 BIC 2 ORR/MOV 3 ORN/MVN 4 EOR/TEQ 8 ADD/CMN 10 ADC 11 SBC 13 SUB/CMP 14 RSB.
    // Rd/Rn 13 and 15 are SP forms or UNPREDICTABLE except the named aliases.
    static constexpr std::array<unsigned, 10> ops = {0, 1, 2, 3, 4, 8, 10, 11, 13, 14};
    static constexpr std::array<const char*, 16> names = {"and", "bic", "orr", "orn", "eor", "", "", "",
                                                          "add", "", "adc", "sbc", "", "sub", "rsb", ""};
    const unsigned op = ops[below(ops.size())];
    unsigned imm12 = below(4096);
    if ((imm12 >> 8) >= 1 && (imm12 >> 8) <= 3 && (imm12 & 0xFF) == 0) imm12 |= 1;  // UNPREDICTABLE replication of 0
    const uint32_t constant = thumb_expand_imm(imm12);
    bool setflags = chance(50);
    unsigned rd = any_dest(), rn = any_src();
    std::string text;
    const bool compare_form = (op == 0 || op == 4 || op == 8 || op == 13) && chance(25);
    const bool move_form = (op == 2 || op == 3) && chance(30);
    if (compare_form) {
        static constexpr std::array<const char*, 16> compare = {"tst", "", "", "", "teq", "", "", "", "cmn", "", "", "", "", "cmp", "", ""};
        rd = PC;
        setflags = true;
        text = format("%s%s.w %s, #0x%x", compare[op], cond_suffix(), reg(rn), constant);
    } else if (move_form) {
        rn = PC;
        text = format("%s%s%s.w %s, #0x%x", op == 2 ? "mov" : "mvn", setflags ? "s" : "", cond_suffix(), reg(rd), constant);
    } else {
        text = format("%s%s%s.w %s, %s, #0x%x", names[op], setflags ? "s" : "", cond_suffix(), reg(rd), reg(rn), constant);
    }
    out_.emit32(uint16_t(0xF000 | (imm12 >> 11) << 10 | op << 5 | unsigned(setflags) << 4 | rn),
                uint16_t(((imm12 >> 8) & 7) << 12 | rd << 8 | (imm12 & 0xFF)), EncodingClass::T32ModifiedImmediate, text);
}

void Generator::t32_plain_immediate()
{
    const unsigned kind = below(5);
    const unsigned rd = any_dest();
    if (kind <= 1) {  // ADDW/SUBW (Rn = SP/PC excluded here; ADR.W below)
        const unsigned rn = any_src(), imm12 = below(4096);
        out_.emit32(uint16_t((kind ? 0xF2A0 : 0xF200) | (imm12 >> 11) << 10 | rn),
                    uint16_t(((imm12 >> 8) & 7) << 12 | rd << 8 | (imm12 & 0xFF)), EncodingClass::T32PlainImmediate,
                    format("%s%s %s, %s, #%u", kind ? "subw" : "addw", cond_suffix(), reg(rd), reg(rn), imm12));
    } else if (kind <= 3) {
        const uint32_t imm16 = chance(50) ? below(0x10000) : interesting_value() & 0xFFFF;
        out_.emit32(encode_movw_movt(kind == 3, rd, imm16), EncodingClass::T32PlainImmediate,
                    format("%s%s %s, #0x%x", kind == 3 ? "movt" : "movw", cond_suffix(), reg(rd), imm16));
    } else {
        const bool sub = chance(50);
        const unsigned imm12 = below(4096);
        out_.emit32(uint16_t((sub ? 0xF2AF : 0xF20F) | (imm12 >> 11) << 10),
                    uint16_t(((imm12 >> 8) & 7) << 12 | rd << 8 | (imm12 & 0xFF)), EncodingClass::T32PlainImmediate,
                    format("adr%s.w %s, pc%c%u", cond_suffix(), reg(rd), sub ? '-' : '+', imm12));
    }
}

void Generator::t32_saturate()
{
    // SSAT/USAT: sh = 1 with shift amount 0 is SSAT16/USAT16 (DSP, not in ARMv7-M) -> amount >= 1.
    const bool unsigned_form = chance(50);
    const bool asr = chance(40);
    unsigned amount = below(32);
    if (asr && amount == 0) amount = 1 + below(31);
    const unsigned rd = any_dest(), rn = any_src(), sat = below(32);
    out_.emit32(uint16_t((unsigned_form ? 0xF380 : 0xF300) | unsigned(asr) << 5 | rn),
                uint16_t((amount >> 2) << 12 | rd << 8 | (amount & 3) << 6 | sat), EncodingClass::T32Saturate,
                format("%s%s %s, #%u, %s, %s #%u", unsigned_form ? "usat" : "ssat", cond_suffix(), reg(rd),
                       unsigned_form ? sat : sat + 1, reg(rn), asr ? "asr" : "lsl", amount));
}

void Generator::t32_bitfield()
{
    // msb < lsb (BFI/BFC) and lsb + width > 32 (SBFX/UBFX) are UNPREDICTABLE.
    const unsigned kind = below(4);  // 0 SBFX 1 UBFX 2 BFI 3 BFC
    const unsigned lsb = below(32), width = 1 + below(32 - lsb);
    const unsigned rd = any_dest(), rn = kind == 3 ? PC : any_src();
    const unsigned field = kind <= 1 ? width - 1 : lsb + width - 1;
    static constexpr std::array<uint16_t, 4> opcodes = {0xF340, 0xF3C0, 0xF360, 0xF360};
    static constexpr std::array<const char*, 4> names = {"sbfx", "ubfx", "bfi", "bfc"};
    out_.emit32(uint16_t(opcodes[kind] | rn), uint16_t((lsb >> 2) << 12 | rd << 8 | (lsb & 3) << 6 | field),
                EncodingClass::T32Bitfield,
                kind == 3 ? format("bfc%s %s, #%u, #%u", cond_suffix(), reg(rd), lsb, width)
                          : format("%s%s %s, %s, #%u, #%u", names[kind], cond_suffix(), reg(rd), reg(rn), lsb, width));
}

void Generator::t32_shifted_register()
{
    static constexpr std::array<unsigned, 10> ops = {0, 1, 2, 3, 4, 8, 10, 11, 13, 14};
    static constexpr std::array<const char*, 16> names = {"and", "bic", "orr", "orn", "eor", "", "", "",
                                                          "add", "", "adc", "sbc", "", "sub", "rsb", ""};
    const unsigned op = ops[below(ops.size())];
    const unsigned type = below(4), amount = below(32), rm = any_src();
    bool setflags = chance(50);
    unsigned rd = any_dest(), rn = any_src();
    const std::string shift = type == 3 && amount == 0 ? std::string(", rrx")
                              : (type == 0 && amount == 0) ? std::string()
                                                           : format(", %s #%u", shift_names[type], amount ? amount : 32);
    std::string text;
    if ((op == 0 || op == 4 || op == 8 || op == 13) && chance(25)) {
        static constexpr std::array<const char*, 16> compare = {"tst", "", "", "", "teq", "", "", "", "cmn", "", "", "", "", "cmp", "", ""};
        rd = PC;
        setflags = true;
        text = format("%s%s.w %s, %s", compare[op], cond_suffix(), reg(rn), reg(rm)) + shift;
    } else if ((op == 2 || op == 3) && chance(30)) {
        rn = PC;  // MOV/MVN (register) and the shift-by-immediate aliases
        text = format("%s%s%s.w %s, %s", op == 2 ? "mov" : "mvn", setflags ? "s" : "", cond_suffix(), reg(rd), reg(rm)) + shift;
    } else {
        text = format("%s%s%s.w %s, %s, %s", names[op], setflags ? "s" : "", cond_suffix(), reg(rd), reg(rn), reg(rm)) + shift;
    }
    out_.emit32(uint16_t(0xEA00 | op << 5 | unsigned(setflags) << 4 | rn),
                uint16_t((amount >> 2) << 12 | rd << 8 | (amount & 3) << 6 | type << 4 | rm), EncodingClass::T32ShiftedRegister, text);
}

void Generator::t32_register_shift()
{
    const unsigned type = below(4), rd = any_dest(), rn = any_src(), rm = any_src();
    const bool setflags = chance(50);
    out_.emit32(uint16_t(0xFA00 | type << 5 | unsigned(setflags) << 4 | rn), uint16_t(0xF000 | rd << 8 | rm),
                EncodingClass::T32RegisterShift,
                format("%s%s%s.w %s, %s, %s", shift_names[type], setflags ? "s" : "", cond_suffix(), reg(rd), reg(rn), reg(rm)));
}

void Generator::t32_extend()
{
    // Rn = 1111 only: the SXTAH/UXTAB... forms with Rn != PC are DSP extension, not ARMv7-M.
    static constexpr std::array<uint16_t, 4> opcodes = {0xFA0F, 0xFA1F, 0xFA4F, 0xFA5F};
    static constexpr std::array<const char*, 4> names = {"sxth", "uxth", "sxtb", "uxtb"};
    const unsigned op = below(4), rd = any_dest(), rm = any_src(), rotation = below(4);
    out_.emit32(opcodes[op], uint16_t(0xF080 | rd << 8 | rotation << 4 | rm), EncodingClass::T32Extend,
                format("%s%s.w %s, %s, ror #%u", names[op], cond_suffix(), reg(rd), reg(rm), rotation * 8));
}

void Generator::t32_miscellaneous()
{
    static constexpr std::array<const char*, 5> names = {"rev", "rev16", "rbit", "revsh", "clz"};
    const unsigned op = below(5), rd = any_dest(), rm = any_src();
    // Rm appears twice in the encoding; both copies must match.
    const uint16_t first = op == 4 ? uint16_t(0xFAB0 | rm) : uint16_t(0xFA90 | rm);
    const uint16_t second = uint16_t(0xF080 | rd << 8 | (op == 4 ? 0 : op) << 4 | rm);
    out_.emit32(first, second, EncodingClass::T32Miscellaneous,
                format("%s%s.w %s, %s", names[op], cond_suffix(), reg(rd), reg(rm)));
}

void Generator::t32_multiply()
{
    const unsigned kind = below(3);  // MUL, MLA, MLS
    const unsigned rd = any_dest(), rn = any_src(), rm = any_src(), ra = kind == 0 ? PC : any_src();
    out_.emit32(uint16_t(0xFB00 | rn), uint16_t(ra << 12 | rd << 8 | (kind == 2 ? 0x10 : 0) | rm), EncodingClass::T32Multiply,
                kind == 0 ? format("mul%s.w %s, %s, %s", cond_suffix(), reg(rd), reg(rn), reg(rm))
                          : format("%s%s %s, %s, %s, %s", kind == 1 ? "mla" : "mls", cond_suffix(), reg(rd), reg(rn), reg(rm), reg(ra)));
}

void Generator::t32_multiply_long()
{
    // RdHi == RdLo is UNPREDICTABLE.
    static constexpr std::array<uint16_t, 4> opcodes = {0xFB80, 0xFBA0, 0xFBC0, 0xFBE0};
    static constexpr std::array<const char*, 4> names = {"smull", "umull", "smlal", "umlal"};
    const unsigned op = below(4), lo = any_dest(), rn = any_src(), rm = any_src();
    unsigned hi;
    do hi = any_dest();
    while (hi == lo);
    out_.emit32(uint16_t(opcodes[op] | rn), uint16_t(lo << 12 | hi << 8 | rm), EncodingClass::T32MultiplyLong,
                format("%s%s %s, %s, %s, %s", names[op], cond_suffix(), reg(lo), reg(hi), reg(rn), reg(rm)));
}

void Generator::t32_divide()
{
    const bool is_signed = chance(50);
    const unsigned rd = any_dest(), rn = any_src(), rm = any_src();
    out_.emit32(uint16_t((is_signed ? 0xFB90 : 0xFBB0) | rn), uint16_t(0xF0F0 | rd << 8 | rm), EncodingClass::T32Divide,
                format("%s%s %s, %s, %s", is_signed ? "sdiv" : "udiv", cond_suffix(), reg(rd), reg(rn), reg(rm)));
}

}  // namespace hiltest::testing::differential::detail
