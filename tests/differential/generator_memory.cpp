// 32-bit loads and stores, dual, multiple and exclusive (docs/chip-facts.md, "Thumb-2 encodings").
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/differential/generator.hpp"

// Each generator names the UNPREDICTABLE cases it avoids (the instruction pages, docs/chip-facts.md,
// "Thumb-2 encodings").

namespace hiltest::testing::differential::detail {

namespace {

// Opcode bits of the first halfword without Rn (the 32-bit load and store tables).
struct SingleForm {
    uint16_t opcode;
    const char* name;
    uint32_t size;
    bool load;
};
constexpr std::array<SingleForm, 8> single_forms = {{{0xF800, "strb", 1, false}, {0xF820, "strh", 2, false},
                                                     {0xF840, "str", 4, false}, {0xF810, "ldrb", 1, true},
                                                     {0xF830, "ldrh", 2, true}, {0xF850, "ldr", 4, true},
                                                     {0xF910, "ldrsb", 1, true}, {0xF930, "ldrsh", 2, true}}};

}  // namespace

void Generator::t32_load_store_imm12()
{
    const SingleForm& form = single_forms[below(single_forms.size())];
    const unsigned rn = data_base(false, form.size);
    const unsigned rt = form.load ? any_dest() : any_src();
    unsigned imm12 = below(4096);
    if (chance(70)) imm12 &= ~(form.size - 1);
    out_.emit32(uint16_t(form.opcode | 0x80 | rn), uint16_t(rt << 12 | imm12), EncodingClass::T32LoadStoreImm12,
                format("%s%s.w %s, [%s, #%u]", form.name, cond_suffix(), reg(rt), reg(rn), imm12));
}

void Generator::t32_load_store_imm8()
{
    // P U W: 100 negative offset, 1x1 pre-indexed, 0x1 post-indexed. Write-back with Rn == Rt is
    // UNPREDICTABLE; inside an IT block only the offset form (the base is shared there).
    const SingleForm& form = single_forms[below(single_forms.size())];
    const unsigned mode = in_it_ ? 0 : below(3);
    const unsigned rn = data_base(false, form.size);
    unsigned rt;
    do rt = form.load ? any_dest() : any_src();
    while (mode != 0 && rt == rn);
    unsigned imm8 = below(256);
    if (chance(70)) imm8 &= ~(form.size - 1);
    const bool up = mode == 0 ? false : chance(50);
    const unsigned puw = mode == 0 ? 0b100 : mode == 1 ? (0b101 | unsigned(up) << 1) : (0b001 | unsigned(up) << 1);
    const char sign = up ? '+' : '-';
    out_.emit32(uint16_t(form.opcode | rn), uint16_t(rt << 12 | 0x800 | puw << 8 | imm8), EncodingClass::T32LoadStoreImm8,
                mode == 0   ? format("%s%s %s, [%s, #-%u]", form.name, cond_suffix(), reg(rt), reg(rn), imm8)
                : mode == 1 ? format("%s %s, [%s, #%c%u]!", form.name, reg(rt), reg(rn), sign, imm8)
                            : format("%s %s, [%s], #%c%u", form.name, reg(rt), reg(rn), sign, imm8));
}

void Generator::t32_load_store_unprivileged()
{
    const SingleForm& form = single_forms[below(single_forms.size())];
    const unsigned rn = data_base(false, form.size);
    const unsigned rt = form.load ? any_dest() : any_src(), imm8 = below(256);
    out_.emit32(uint16_t(form.opcode | rn), uint16_t(rt << 12 | 0xE00 | imm8), EncodingClass::T32LoadStoreUnprivileged,
                format("%st%s %s, [%s, #%u]", form.name, cond_suffix(), reg(rt), reg(rn), imm8));
}

void Generator::t32_load_store_register()
{
    const SingleForm& form = single_forms[below(single_forms.size())];
    const unsigned rn = data_base(false, form.size);
    const unsigned rm = data_index(false, rn, form.size);
    const unsigned rt = form.load ? any_dest() : any_src(), shift = below(4);
    out_.emit32(uint16_t(form.opcode | rn), uint16_t(rt << 12 | shift << 4 | rm), EncodingClass::T32LoadStoreRegister,
                format("%s%s.w %s, [%s, %s, lsl #%u]", form.name, cond_suffix(), reg(rt), reg(rn), reg(rm), shift));
}

void Generator::t32_load_literal()
{
    // Reads the code region; the negative offset stays above the start of flash.
    const SingleForm& form = single_forms[3 + below(5)];
    const unsigned rt = any_dest(), imm12 = below(4096);
    const bool up = chance(60);
    out_.emit32(uint16_t(form.opcode | 0xF | unsigned(up) << 7), uint16_t(rt << 12 | imm12), EncodingClass::T32LoadLiteral,
                format("%s%s.w %s, [pc, #%c%u]", form.name, cond_suffix(), reg(rt), up ? '+' : '-', imm12));
}

void Generator::t32_load_store_dual()
{
    // LDRD: Rt == Rt2 UNPREDICTABLE; write-back with Rn == Rt or Rt2 UNPREDICTABLE; SP/PC as
    // Rt/Rt2 UNPREDICTABLE. Literal form (Rn = PC) only without write-back. Word aligned.
    const bool load = chance(50);
    const bool literal = load && !in_it_ && chance(20);
    const unsigned mode = in_it_ || literal ? 0 : below(3);  // 0 offset, 1 pre, 2 post
    const unsigned rn = literal ? PC : data_base(false, 8);
    unsigned rt, rt2;
    do {
        rt = load ? any_dest() : any_src();
        rt2 = load ? any_dest() : any_src();
    } while ((load && rt == rt2) || (mode != 0 && (rt == rn || rt2 == rn)));
    const bool up = chance(50);
    const unsigned imm8 = below(256);
    const unsigned p = mode != 2, w = mode != 0;
    const char sign = up ? '+' : '-';
    out_.emit32(uint16_t(0xE840 | p << 8 | unsigned(up) << 7 | w << 5 | unsigned(load) << 4 | rn),
                uint16_t(rt << 12 | rt2 << 8 | imm8), EncodingClass::T32LoadStoreDual,
                mode == 0   ? format("%s%s %s, %s, [%s, #%c%u]", load ? "ldrd" : "strd", cond_suffix(), reg(rt), reg(rt2), reg(rn), sign, imm8 * 4)
                : mode == 1 ? format("%s %s, %s, [%s, #%c%u]!", load ? "ldrd" : "strd", reg(rt), reg(rt2), reg(rn), sign, imm8 * 4)
                            : format("%s %s, %s, [%s], #%c%u", load ? "ldrd" : "strd", reg(rt), reg(rt2), reg(rn), sign, imm8 * 4));
}

void Generator::t32_load_store_multiple()
{
    // Fewer than two registers, SP in the list, PC in a store list, write-back with Rn in the list:
    // UNPREDICTABLE. PC is left out of load lists too (branches have their own cases).
    const bool load = chance(50), decrement = chance(50);
    const bool stack = chance(25);  // PUSH.W / POP.W = STMDB/LDMIA SP!
    uint32_t list;
    do {
        list = below(0x2000);
        if (chance(30)) list |= 1u << LR;
    } while (__builtin_popcount(list) < 2);
    if (load) list &= ~uint32_t(locked_);
    if (__builtin_popcount(list) < 2) return;
    const unsigned count = unsigned(__builtin_popcount(list));
    if (stack) {
        if (load) {
            if (sp_ + count * 4 > layout_.stack_high) return;
            sp_ += count * 4;
            out_.emit32(0xE8BD, uint16_t(list), EncodingClass::T32LoadStoreMultiple, "pop.w " + register_list(list));
        } else {
            if (sp_ - count * 4 < layout_.stack_low) return;
            sp_ -= count * 4;
            out_.emit32(0xE92D, uint16_t(list), EncodingClass::T32LoadStoreMultiple, "push.w " + register_list(list));
        }
        return;
    }
    const unsigned rn = data_base(false, 4);
    bool writeback = chance(60);
    if (list & (1u << rn)) writeback = false;
    const uint16_t opcode = uint16_t((decrement ? 0xE900 : 0xE880) | unsigned(load) << 4 | unsigned(writeback) << 5 | rn);
    out_.emit32(opcode, uint16_t(list), EncodingClass::T32LoadStoreMultiple,
                format("%s%s.w %s%s, ", load ? "ldm" : "stm", decrement ? "db" : "ia", reg(rn), writeback ? "!" : "") + register_list(list));
}

void Generator::t32_exclusive()
{
    // LDREX{B,H} then STREX{B,H} to the same address with only register arithmetic between:
    // the local monitor is Exclusive and the store must succeed. After CLREX it must fail.
    // STREX: Rd == Rn or Rd == Rt is UNPREDICTABLE. Exclusive addresses must be aligned.
    const unsigned size_kind = below(3);  // 0 word, 1 byte, 2 halfword
    const uint32_t size = size_kind == 0 ? 4 : size_kind == 1 ? 1 : 2;
    const unsigned rn = data_base(false, 4);
    const uint16_t saved = locked_;
    locked_ |= uint16_t(1u << rn);
    const unsigned rt = any_dest();
    const unsigned imm8 = size == 4 ? below(64) : 0;
    const char* suffix = size == 4 ? "" : size == 1 ? "b" : "h";
    const std::string address = size == 4 ? format("[%s, #%u]", reg(rn), imm8 * 4) : format("[%s]", reg(rn));
    const bool clear = chance(25);
    const bool load_first = chance(85);
    if (load_first) {
        out_.emit32(uint16_t((size == 4 ? 0xE850 : 0xE8D0) | rn),
                    uint16_t(size == 4 ? (rt << 12 | 0xF00 | imm8) : (rt << 12 | 0xF0F | (size == 1 ? 0x40 : 0x50))),
                    EncodingClass::T32Exclusive, format("ldrex%s %s, ", suffix, reg(rt)) + address);
    }
    fillers(below(3));
    if (clear) out_.emit32(0xF3BF, 0x8F2F, EncodingClass::T32Exclusive, "clrex");
    const unsigned value = any_src();
    unsigned status;
    do status = any_dest();
    while (status == rn || status == value);
    out_.emit32(uint16_t((size == 4 ? 0xE840 : 0xE8C0) | rn),
                uint16_t(size == 4 ? (value << 12 | status << 8 | imm8) : (value << 12 | 0xF00 | (size == 1 ? 0x40 : 0x50) | status)),
                EncodingClass::T32Exclusive, format("strex%s %s, %s, ", suffix, reg(status), reg(value)) + address);
    locked_ = saved;
}

}  // namespace hiltest::testing::differential::detail
