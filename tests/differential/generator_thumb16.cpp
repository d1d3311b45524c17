// The 16-bit Thumb encodings and IT blocks (docs/chip-facts.md, "Thumb-2 encodings").
#include <array>
#include <cstdint>
#include <string>
#include <stdexcept>

#include "tests/differential/generator.hpp"

// Each generator names the UNPREDICTABLE cases it avoids (the instruction pages, docs/chip-facts.md,
// "Thumb-2 encodings").

namespace hiltest::testing::differential::detail {

// 16-bit encodings

void Generator::t16_shift_immediate()
{
    const unsigned op = below(3), rd = low_dest(), rm = low_src();
    unsigned imm5 = below(32);
    if (op == 0 && imm5 == 0 && in_it_) imm5 = 1;  // MOVS Rd,Rm (T2) is UNPREDICTABLE in an IT block
    const unsigned shown = (op != 0 && imm5 == 0) ? 32 : imm5;
    out_.emit16(uint16_t(op << 11 | imm5 << 6 | rm << 3 | rd), EncodingClass::T16ShiftImmediate,
                format("%s%s%s %s, %s, #%u", shift_names[op], s_suffix(), cond_suffix(), reg(rd), reg(rm), shown));
}

void Generator::t16_add_sub_register()
{
    const bool sub = chance(50);
    const unsigned rd = low_dest(), rn = low_src(), rm = low_src();
    out_.emit16(uint16_t((sub ? 0x1A00 : 0x1800) | rm << 6 | rn << 3 | rd), EncodingClass::T16AddSubRegister,
                format("%s%s%s %s, %s, %s", sub ? "sub" : "add", s_suffix(), cond_suffix(), reg(rd), reg(rn), reg(rm)));
}

void Generator::t16_add_sub_imm3()
{
    const bool sub = chance(50);
    const unsigned rd = low_dest(), rn = low_src(), imm3 = below(8);
    out_.emit16(uint16_t((sub ? 0x1E00 : 0x1C00) | imm3 << 6 | rn << 3 | rd), EncodingClass::T16AddSubImm3,
                format("%s%s%s %s, %s, #%u", sub ? "sub" : "add", s_suffix(), cond_suffix(), reg(rd), reg(rn), imm3));
}

void Generator::t16_imm8()
{
    static constexpr std::array<const char*, 4> names = {"mov", "cmp", "add", "sub"};
    const unsigned op = below(4), rd = op == 1 ? low_src() : low_dest(), imm8 = below(256);
    out_.emit16(uint16_t(0x2000 | op << 11 | rd << 8 | imm8), EncodingClass::T16MovCmpAddSubImm8,
                format("%s%s%s %s, #%u", names[op], op == 1 ? "" : s_suffix(), cond_suffix(), reg(rd), imm8));
}

void Generator::t16_data_processing()
{
    static constexpr std::array<const char*, 16> names = {"and", "eor", "lsl", "lsr", "asr", "adc", "sbc", "ror",
                                                           "tst", "rsb", "cmp", "cmn", "orr", "mul", "bic", "mvn"};
    unsigned op;
    do op = below(16);
    while (op == 13);
    const bool compare = op == 8 || op == 10 || op == 11;
    const unsigned rdn = compare ? low_src() : low_dest(), rm = low_src();
    const char* suffix = compare ? "" : s_suffix();
    out_.emit16(uint16_t(0x4000 | op << 6 | rm << 3 | rdn), EncodingClass::T16DataProcessing,
                op == 9 ? format("rsb%s%s %s, %s, #0", suffix, cond_suffix(), reg(rdn), reg(rm))
                        : format("%s%s%s %s, %s", names[op], suffix, cond_suffix(), reg(rdn), reg(rm)));
}

void Generator::t16_multiply()
{
    const unsigned rdm = low_dest(), rn = low_src();
    out_.emit16(uint16_t(0x4340 | rn << 3 | rdm), EncodingClass::T16Multiply,
                format("mul%s%s %s, %s, %s", s_suffix(), cond_suffix(), reg(rdm), reg(rn), reg(rdm)));
}

void Generator::t16_high_register()
{
    // ADD/MOV/CMP (register) T2: SP and PC are left out (their own encodings / branches);
    // CMP T2 with two low registers is UNPREDICTABLE, so one register is always r8-r12 or LR.
    static constexpr std::array<const char*, 3> names = {"add", "cmp", "mov"};
    const unsigned op = below(3);
    unsigned d, m;
    do {
        d = op == 1 ? any_src() : any_dest();
        m = any_src();
    } while (d < 8 && m < 8);
    out_.emit16(uint16_t(0x4400 | op << 8 | (d >> 3) << 7 | m << 3 | (d & 7)), EncodingClass::T16HighRegister,
                format("%s%s %s, %s", names[op], cond_suffix(), reg(d), reg(m)));
}

void Generator::t16_branch_exchange()
{
    // BX/BLX Rm to a forward target with the Thumb bit set (an even target would fault INVSTATE).
    const bool link = chance(50);
    const unsigned rm = any_dest();
    const std::size_t low = out_.emit32(encode_movw_movt(false, rm, 0), EncodingClass::T32PlainImmediate, "");
    const std::size_t high = out_.emit32(encode_movw_movt(true, rm, 0), EncodingClass::T32PlainImmediate, "");
    out_.emit16(uint16_t((link ? 0x4780 : 0x4700) | rm << 3), EncodingClass::T16BranchExchange,
                format("%s %s", link ? "blx" : "bx", reg(rm)));
    fillers(below(4));
    const uint32_t target = out_.pc() | 1;
    out_.patch32(low, encode_movw_movt(false, rm, target & 0xFFFF), format("movw %s, #0x%x", reg(rm), target & 0xFFFF));
    out_.patch32(high, encode_movw_movt(true, rm, target >> 16), format("movt %s, #0x%x", reg(rm), target >> 16));
}

void Generator::t16_load_literal()
{
    const unsigned rt = low_dest(), imm8 = below(256);
    out_.emit16(uint16_t(0x4800 | rt << 8 | imm8), EncodingClass::T16LoadLiteral,
                format("ldr%s %s, [pc, #%u]", cond_suffix(), reg(rt), imm8 * 4));
}

void Generator::t16_load_store_register()
{
    static constexpr std::array<const char*, 8> names = {"str", "strh", "strb", "ldrsb", "ldr", "ldrh", "ldrb", "ldrsh"};
    static constexpr std::array<uint32_t, 8> sizes = {4, 2, 1, 1, 4, 2, 1, 2};
    const unsigned op = below(8);
    const unsigned rn = data_base(true, sizes[op]);
    const unsigned rm = data_index(true, rn, sizes[op]);
    const bool load = op >= 3;
    const unsigned rt = load ? low_dest() : low_src();
    out_.emit16(uint16_t(0x5000 | op << 9 | rm << 6 | rn << 3 | rt), EncodingClass::T16LoadStoreRegister,
                format("%s%s %s, [%s, %s]", names[op], cond_suffix(), reg(rt), reg(rn), reg(rm)));
}

void Generator::t16_load_store_immediate()
{
    struct Form { uint16_t opcode; const char* name; unsigned scale; bool load; };
    static constexpr std::array<Form, 6> forms = {{{0x6000, "str", 4, false}, {0x6800, "ldr", 4, true},
                                                   {0x7000, "strb", 1, false}, {0x7800, "ldrb", 1, true},
                                                   {0x8000, "strh", 2, false}, {0x8800, "ldrh", 2, true}}};
    const Form& form = forms[below(forms.size())];
    const unsigned rn = data_base(true, form.scale);
    const unsigned rt = form.load ? low_dest() : low_src(), imm5 = below(32);
    out_.emit16(uint16_t(form.opcode | imm5 << 6 | rn << 3 | rt), EncodingClass::T16LoadStoreImmediate,
                format("%s%s %s, [%s, #%u]", form.name, cond_suffix(), reg(rt), reg(rn), imm5 * form.scale));
}

void Generator::t16_load_store_sp()
{
    const bool load = chance(50);
    const unsigned rt = load ? low_dest() : low_src(), imm8 = below(256);
    out_.emit16(uint16_t((load ? 0x9800 : 0x9000) | rt << 8 | imm8), EncodingClass::T16LoadStoreSp,
                format("%s%s %s, [sp, #%u]", load ? "ldr" : "str", cond_suffix(), reg(rt), imm8 * 4));
}

void Generator::t16_adr()
{
    const unsigned rd = low_dest(), imm8 = below(256);
    out_.emit16(uint16_t(0xA000 | rd << 8 | imm8), EncodingClass::T16Adr,
                format("adr%s %s, pc+%u", cond_suffix(), reg(rd), imm8 * 4));
}

void Generator::t16_add_sp_immediate()
{
    const unsigned rd = low_dest(), imm8 = below(256);
    out_.emit16(uint16_t(0xA800 | rd << 8 | imm8), EncodingClass::T16AddSpImmediate,
                format("add%s %s, sp, #%u", cond_suffix(), reg(rd), imm8 * 4));
}

void Generator::t16_adjust_sp()
{
    // SP must stay inside the stack window (later SP-relative accesses depend on it).
    const unsigned imm7 = below(128);
    bool sub = chance(50);
    if (sp_ - imm7 * 4 < layout_.stack_low) sub = false;
    if (sp_ + imm7 * 4 > layout_.stack_high) sub = true;
    sp_ = sub ? sp_ - imm7 * 4 : sp_ + imm7 * 4;
    out_.emit16(uint16_t((sub ? 0xB080 : 0xB000) | imm7), EncodingClass::T16AdjustSp,
                format("%s sp, #%u", sub ? "sub" : "add", imm7 * 4));
}

void Generator::t16_extend()
{
    static constexpr std::array<const char*, 4> names = {"sxth", "sxtb", "uxth", "uxtb"};
    const unsigned op = below(4), rd = low_dest(), rm = low_src();
    out_.emit16(uint16_t(0xB200 | op << 6 | rm << 3 | rd), EncodingClass::T16Extend,
                format("%s%s %s, %s", names[op], cond_suffix(), reg(rd), reg(rm)));
}

void Generator::t16_reverse()
{
    static constexpr std::array<unsigned, 3> ops = {0, 1, 3};
    static constexpr std::array<const char*, 4> names = {"rev", "rev16", "?", "revsh"};
    const unsigned op = ops[below(3)], rd = low_dest(), rm = low_src();
    out_.emit16(uint16_t(0xBA00 | op << 6 | rm << 3 | rd), EncodingClass::T16Reverse,
                format("%s%s %s, %s", names[op], cond_suffix(), reg(rd), reg(rm)));
}

void Generator::t16_push_pop()
{
    const unsigned shape = below(3);
    if (shape == 2) {
        // PUSH {..., LR} with LR = a forward target, then POP {..., PC}: an interworking return.
        const uint32_t list = below(256) & ~uint32_t(locked_);
        const unsigned count = unsigned(__builtin_popcount(list)) + 1;
        if (sp_ - count * 4 < layout_.stack_low) return;
        const std::size_t low = out_.emit32(encode_movw_movt(false, LR, 0), EncodingClass::T32PlainImmediate, "");
        const std::size_t high = out_.emit32(encode_movw_movt(true, LR, 0), EncodingClass::T32PlainImmediate, "");
        out_.emit16(uint16_t(0xB500 | list), EncodingClass::T16PushPop, "push " + register_list(list | 1u << LR));
        out_.emit16(uint16_t(0xBD00 | list), EncodingClass::T16PushPop, "pop " + register_list(list | 1u << PC));
        fillers(below(3));
        const uint32_t target = out_.pc() | 1;
        out_.patch32(low, encode_movw_movt(false, LR, target & 0xFFFF), format("movw lr, #0x%x", target & 0xFFFF));
        out_.patch32(high, encode_movw_movt(true, LR, target >> 16), format("movt lr, #0x%x", target >> 16));
        return;
    }
    const bool push = shape == 0;
    const bool extra = chance(30);  // LR for PUSH; for POP only r0-r7 (POP {PC} is shape 2)
    uint32_t list = below(256);
    if (!push) list &= ~uint32_t(locked_);
    if (list == 0 && !(push && extra)) list = 1u << low_dest();
    const unsigned count = unsigned(__builtin_popcount(list)) + (push && extra ? 1 : 0);
    if (push) {
        if (sp_ - count * 4 < layout_.stack_low) return;
        sp_ -= count * 4;
        out_.emit16(uint16_t(0xB400 | (extra ? 0x100 : 0) | list), EncodingClass::T16PushPop,
                    "push " + register_list(list | (extra ? 1u << LR : 0)));
    } else {
        if (sp_ + count * 4 > layout_.stack_high) return;
        sp_ += count * 4;
        out_.emit16(uint16_t(0xBC00 | list), EncodingClass::T16PushPop, "pop " + register_list(list));
    }
}

void Generator::t16_load_store_multiple()
{
    // STMIA: Rn in the list is UNPREDICTABLE unless lowest; left out. LDMIA: Rn in the list means
    // no write-back (allowed).
    const bool load = chance(50);
    const unsigned rn = data_base(true, 4);
    uint32_t list = below(256);
    if (load) list &= ~uint32_t(locked_);
    else list &= ~(1u << rn);
    if (list == 0) list = 1u << (rn == 0 ? 1 : 0);
    if (load && (locked_ & list)) return;
    const bool writeback = !(load && (list & (1u << rn)));
    out_.emit16(uint16_t((load ? 0xC800 : 0xC000) | rn << 8 | list), EncodingClass::T16LoadStoreMultiple,
                format("%s %s%s, ", load ? "ldmia" : "stmia", reg(rn), writeback ? "!" : "") + register_list(list));
}

void Generator::t16_compare_branch_zero()
{
    const bool nonzero = chance(50);
    const unsigned rn = low_dest();
    if (chance(40)) load_constant(rn, 0);
    forward_branch([&] { return out_.emit16(encode_cbz(nonzero, rn, 0), EncodingClass::T16CompareBranchZero, ""); },
                   [&](std::size_t index, int32_t offset) {
                       out_.patch16(index, encode_cbz(nonzero, rn, offset),
                                    format("%s %s, 0x%08x", nonzero ? "cbnz" : "cbz", reg(rn), out_.pc()));
                   },
                   12);
}

void Generator::t16_conditional_branch()
{
    const unsigned cond = below(14);
    if (chance(25)) {
        // Backward: B L2; L1: B L3; L2: B<c> L1; fillers; L3:
        const std::size_t first = out_.emit16(0xE000, EncodingClass::T16Branch, "");
        const std::size_t second = out_.emit16(0xE000, EncodingClass::T16Branch, "");
        const std::size_t third = out_.emit16(0xD000, EncodingClass::T16ConditionalBranch, "");
        fillers(below(4));
        const uint32_t a1 = out_.at(first).address, a2 = out_.at(second).address, a3 = out_.at(third).address;
        const uint32_t end = out_.pc();
        out_.patch16(first, encode_b_t2(int32_t(a3 - (a1 + 4))), format("b.n 0x%08x", a3));
        out_.patch16(second, encode_b_t2(int32_t(end - (a2 + 4))), format("b.n 0x%08x", end));
        out_.patch16(third, encode_b_t1(cond, int32_t(a2 - (a3 + 4))), format("b%s.n 0x%08x", condition_names[cond], a2));
        return;
    }
    forward_branch([&] { return out_.emit16(0xD000, EncodingClass::T16ConditionalBranch, ""); },
                   [&](std::size_t index, int32_t offset) {
                       out_.patch16(index, encode_b_t1(cond, offset), format("b%s.n 0x%08x", condition_names[cond], out_.pc()));
                   },
                   12);
}

void Generator::t16_branch()
{
    if (chance(50)) {
        // Backward without a loop: B L2; L1: B L3; L2: B L1; L3:
        const std::size_t first = out_.emit16(0xE000, EncodingClass::T16Branch, "");
        const std::size_t second = out_.emit16(0xE000, EncodingClass::T16Branch, "");
        const std::size_t third = out_.emit16(0xE000, EncodingClass::T16Branch, "");
        const uint32_t a1 = out_.at(first).address, a2 = out_.at(second).address, a3 = out_.at(third).address;
        const uint32_t end = out_.pc();
        out_.patch16(first, encode_b_t2(int32_t(a3 - (a1 + 4))), format("b.n 0x%08x", a3));
        out_.patch16(second, encode_b_t2(int32_t(end - (a2 + 4))), format("b.n 0x%08x", end));
        out_.patch16(third, encode_b_t2(int32_t(a2 - (a3 + 4))), format("b.n 0x%08x", a2));
        return;
    }
    forward_branch([&] { return out_.emit16(0xE000, EncodingClass::T16Branch, ""); },
                   [&](std::size_t index, int32_t offset) {
                       out_.patch16(index, encode_b_t2(offset), format("b.n 0x%08x", out_.pc()));
                   },
                   6);
}

void Generator::t16_nop()
{
    out_.emit16(0xBF00, EncodingClass::T16Hint, format("nop%s", cond_suffix()));
}

void Generator::t16_if_then()
{
    // IT firstcond, mask (the IT page, docs/chip-facts.md, "Thumb-2 encodings"): AL only with a
    // single instruction (BitCount(mask) != 1 with 1110 is UNPREDICTABLE); 1111 never. Memory
    // instructions in the block use base/index registers set up before the IT and locked against
    // writes inside the block.
    const unsigned firstcond = below(15);
    const unsigned count = firstcond == 14 ? 1 : 1 + below(4);
    std::array<bool, 4> then{true, true, true, true};
    unsigned mask = 1u << (4 - count);
    std::string suffix;
    for (unsigned k = 1; k < count; ++k) {
        then[k] = chance(50);
        const unsigned bit = then[k] ? (firstcond & 1) : (~firstcond & 1);
        mask |= bit << (4 - k);
        suffix += then[k] ? "t" : "e";
    }
    const uint16_t saved_locked = locked_;
    prepared_.base = low_dest();
    locked_ |= uint16_t(1u << prepared_.base);
    prepared_.index = low_dest();
    locked_ |= uint16_t(1u << prepared_.index);
    const uint32_t span = layout_.data_high - layout_.data_low;
    load_constant(prepared_.base, (layout_.data_low + below(span)) & ~7u);
    load_constant(prepared_.index, below(0x200) & ~7u);
    if (chance(50)) {
        const unsigned rn = low_src(), imm8 = below(256);
        out_.emit16(uint16_t(0x2800 | rn << 8 | imm8), EncodingClass::T16MovCmpAddSubImm8, format("cmp %s, #%u", reg(rn), imm8));
    }

    out_.emit16(uint16_t(0xBF00 | firstcond << 4 | mask), EncodingClass::T16IfThen,
                format("it%s %s", suffix.c_str(), condition_names[firstcond][0] ? condition_names[firstcond] : "al"));
    prepared_.active = true;
    in_it_ = true;
    std::size_t pending_branch = SIZE_MAX;
    bool pending_is_wide = false, pending_link = false;
    for (unsigned k = 0; k < count; ++k) {
        it_condition_ = then[k] ? firstcond : (firstcond ^ 1);
        const std::size_t before = out_.instruction_count();
        if (k + 1 == count && chance(25)) {
            // A branch is allowed as the last instruction of the block (B T2/T4, BL).
            const unsigned kind = below(3);
            pending_is_wide = kind != 0;
            pending_link = kind == 2;
            pending_branch = pending_is_wide
                                 ? out_.emit32(encode_b_t4(0, pending_link), pending_link ? EncodingClass::T32BranchLink : EncodingClass::T32Branch, "")
                                 : out_.emit16(0xE000, EncodingClass::T16Branch, "");
        } else {
            single_any_in_it();
        }
        if (out_.instruction_count() != before + 1) throw std::logic_error("IT block member is not one instruction");
    }
    in_it_ = false;
    prepared_.active = false;
    locked_ = saved_locked;
    it_condition_ = 14;
    if (pending_branch != SIZE_MAX) {
        const uint32_t from = out_.at(pending_branch).address + 4;
        const std::string cond = condition_names[then[count - 1] ? firstcond : (firstcond ^ 1)];
        fillers(below(4));
        const int32_t offset = int32_t(out_.pc() - from);
        if (pending_is_wide)
            out_.patch32(pending_branch, encode_b_t4(offset, pending_link),
                         format("%s%s.w 0x%08x", pending_link ? "bl" : "b", cond.c_str(), out_.pc()));
        else
            out_.patch16(pending_branch, encode_b_t2(offset), format("b%s.n 0x%08x", cond.c_str(), out_.pc()));
    }
}

}  // namespace hiltest::testing::differential::detail
