// Branches, table branches, special registers, hints; SP and PC as operands (docs/chip-facts.md, "Thumb-2 encodings").
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/differential/generator.hpp"

// Each generator names the UNPREDICTABLE cases it avoids (the instruction pages, docs/chip-facts.md,
// "Thumb-2 encodings").

namespace hiltest::testing::differential::detail {

void Generator::t32_table_branch()
{
    // TBB/TBH [PC, Rm]: the table follows the instruction; every entry lands on one of the
    // fillers after it, and all of them run on to the end of the case.
    const bool halfword = chance(50);
    const unsigned entries = 1 + below(6);
    const unsigned rm = low_dest();
    load_constant(rm, below(entries));
    const std::size_t branch = out_.emit32(0xE8DF, uint16_t((halfword ? 0xF010 : 0xF000) | rm), EncodingClass::T32TableBranch,
                                           format("%s [pc, %s%s]", halfword ? "tbh" : "tbb", reg(rm), halfword ? ", lsl #1" : ""));
    const uint32_t table = out_.at(branch).address + 4;
    const unsigned table_bytes = halfword ? entries * 2 : (entries + 1) & ~1u;
    for (unsigned i = 0; i < table_bytes; i += 2) out_.emit_data16(0);
    std::vector<uint32_t> landings;
    for (unsigned i = 0; i < entries; ++i) {
        landings.push_back(out_.pc());
        single_data_processing();
    }
    for (unsigned i = 0; i < entries; ++i) {
        const uint32_t halfwords = (landings[below(entries)] - table) / 2;
        if (halfword) {
            out_.patch_data16(table + 2 * i, uint16_t(halfwords));
        } else {
            const uint32_t pair = table + (i & ~1u);
            const std::size_t offset = pair - stream_.start;
            uint16_t value = uint16_t(stream_.code[offset] | stream_.code[offset + 1] << 8);
            value = (i & 1) ? uint16_t((value & 0x00FF) | halfwords << 8) : uint16_t((value & 0xFF00) | halfwords);
            out_.patch_data16(pair, value);
        }
    }
}

void Generator::t32_conditional_branch()
{
    const unsigned cond = below(14);
    if (chance(25)) {
        // Backward without a loop: B.W L2; L1: B.W L3; L2: B<c>.W L1; fillers; L3:
        const std::size_t first = out_.emit32(encode_b_t4(0, false), EncodingClass::T32Branch, "");
        const std::size_t second = out_.emit32(encode_b_t4(0, false), EncodingClass::T32Branch, "");
        const std::size_t third = out_.emit32(encode_b_t3(cond, 0), EncodingClass::T32ConditionalBranch, "");
        fillers(below(4));
        const uint32_t a1 = out_.at(first).address, a2 = out_.at(second).address, a3 = out_.at(third).address;
        const uint32_t end = out_.pc();
        out_.patch32(first, encode_b_t4(int32_t(a3 - (a1 + 4)), false), format("b.w 0x%08x", a3));
        out_.patch32(second, encode_b_t4(int32_t(end - (a2 + 4)), false), format("b.w 0x%08x", end));
        out_.patch32(third, encode_b_t3(cond, int32_t(a2 - (a3 + 4))), format("b%s.w 0x%08x", condition_names[cond], a2));
        return;
    }
    forward_branch([&] { return out_.emit32(encode_b_t3(cond, 0), EncodingClass::T32ConditionalBranch, ""); },
                   [&](std::size_t index, int32_t offset) {
                       out_.patch32(index, encode_b_t3(cond, offset), format("b%s.w 0x%08x", condition_names[cond], out_.pc()));
                   },
                   8);
}

void Generator::t32_branch()
{
    forward_branch([&] { return out_.emit32(encode_b_t4(0, false), EncodingClass::T32Branch, ""); },
                   [&](std::size_t index, int32_t offset) {
                       out_.patch32(index, encode_b_t4(offset, false), format("b.w 0x%08x", out_.pc()));
                   },
                   6);
}

void Generator::t32_branch_link()
{
    forward_branch([&] { return out_.emit32(encode_b_t4(0, true), EncodingClass::T32BranchLink, ""); },
                   [&](std::size_t index, int32_t offset) {
                       out_.patch32(index, encode_b_t4(offset, true), format("bl 0x%08x", out_.pc()));
                   },
                   6);
}

void Generator::t32_special_register()
{
    if (chance(50)) {
        // MRS of the PSR views, SP copies and masks (SYSm values: docs/chip-facts.md, "Thumb-2 encodings").
        struct Sys { unsigned sysm; const char* name; };
        static constexpr std::array<Sys, 12> registers = {{{0, "apsr"}, {1, "iapsr"}, {2, "eapsr"}, {3, "xpsr"},
                                                           {5, "ipsr"}, {6, "epsr"}, {7, "iepsr"}, {8, "msp"},
                                                           {16, "primask"}, {17, "basepri"}, {19, "faultmask"}, {20, "control"}}};
        const Sys& sys = registers[below(registers.size())];
        const unsigned rd = any_dest();
        out_.emit32(0xF3EF, uint16_t(0x8000 | rd << 8 | sys.sysm), EncodingClass::T32SpecialRegister,
                    format("mrs%s %s, %s", cond_suffix(), reg(rd), sys.name));
    } else {
        // MSR APSR_nzcvq (mask 10) via the APSR, IAPSR, EAPSR or xPSR name: writes only N Z C V Q.
        const unsigned rn = any_src(), sysm = below(4);
        out_.emit32(uint16_t(0xF380 | rn), uint16_t(0x8800 | sysm), EncodingClass::T32SpecialRegister,
                    format("msr%s %s_nzcvq, %s", cond_suffix(), std::array<const char*, 4>{"apsr", "iapsr", "eapsr", "xpsr"}[sysm], reg(rn)));
    }
}

void Generator::t32_hint_barrier()
{
    static constexpr std::array<std::pair<uint16_t, const char*>, 4> forms = {
        {{0x8000, "nop.w"}, {0x8F5F, "dmb sy"}, {0x8F4F, "dsb sy"}, {0x8F6F, "isb sy"}}};
    const auto& form = forms[below(forms.size())];
    out_.emit32(form.first == 0x8000 ? 0xF3AF : 0xF3BF, form.first, EncodingClass::T32HintBarrier, form.second);
}


// =============================================================================================
// SP and PC as operands or destinations (the encodings that name them explicitly)

void Generator::sp_arithmetic()
{
    const unsigned kind = below(7);
    const unsigned rd = any_dest();
    switch (kind) {
    case 0:
    case 1: {  // ADD.W/SUB.W Rd, SP, #const (ADD/SUB SP plus immediate T3)
        unsigned imm12 = below(4096);
        if ((imm12 >> 8) >= 1 && (imm12 >> 8) <= 3 && (imm12 & 0xFF) == 0) imm12 |= 1;
        const bool setflags = chance(50);
        out_.emit32(uint16_t((kind ? 0xF1A0 : 0xF100) | (imm12 >> 11) << 10 | unsigned(setflags) << 4 | SP),
                    uint16_t(((imm12 >> 8) & 7) << 12 | rd << 8 | (imm12 & 0xFF)), EncodingClass::T32ModifiedImmediate,
                    format("%s%s.w %s, sp, #0x%x", kind ? "sub" : "add", setflags ? "s" : "", reg(rd), thumb_expand_imm(imm12)));
        return;
    }
    case 2: {  // ADDW/SUBW Rd, SP, #imm12 (T4 / T3)
        const bool sub = chance(50);
        const unsigned imm12 = below(4096);
        out_.emit32(uint16_t((sub ? 0xF2AD : 0xF20D) | (imm12 >> 11) << 10),
                    uint16_t(((imm12 >> 8) & 7) << 12 | rd << 8 | (imm12 & 0xFF)), EncodingClass::T32PlainImmediate,
                    format("%s %s, sp, #%u", sub ? "subw" : "addw", reg(rd), imm12));
        return;
    }
    case 3: {  // ADD.W/SUB.W SP, SP, #imm8 (multiple of 4 so SP stays word aligned, inside the stack window)
        const unsigned imm8 = below(64) * 4;
        bool sub = chance(50);
        if (sp_ - imm8 < layout_.stack_low) sub = false;
        if (sp_ + imm8 > layout_.stack_high) sub = true;
        sp_ = sub ? sp_ - imm8 : sp_ + imm8;
        out_.emit32(uint16_t((sub ? 0xF1A0 : 0xF100) | SP), uint16_t(SP << 8 | imm8), EncodingClass::T32ModifiedImmediate,
                    format("%s.w sp, sp, #%u", sub ? "sub" : "add", imm8));
        return;
    }
    case 4: {  // ADD.W Rd, SP, Rm{, shift} (ADD SP plus register T3; any shift since Rd != SP)
        const unsigned rm = any_src(), type = below(4), amount = below(32);
        const bool setflags = chance(50);
        out_.emit32(uint16_t(0xEB00 | unsigned(setflags) << 4 | SP),
                    uint16_t((amount >> 2) << 12 | rd << 8 | (amount & 3) << 6 | type << 4 | rm), EncodingClass::T32ShiftedRegister,
                    format("add%s.w %s, sp, %s, %s #%u", setflags ? "s" : "", reg(rd), reg(rm), shift_names[type], amount));
        return;
    }
    case 5: {  // ADD Rdm, SP, Rdm (ADD SP plus register T1)
        out_.emit16(uint16_t(0x4468 | (rd >> 3) << 7 | (rd & 7)), EncodingClass::T16HighRegister,
                    format("add %s, sp, %s", reg(rd), reg(rd)));
        return;
    }
    default: {  // ADD SP, Rm (ADD SP plus register T2) with a small word-aligned Rm
        uint32_t amount = below(64) * 4;
        const bool down = sp_ - amount >= layout_.stack_low && (chance(50) || sp_ + amount > layout_.stack_high);
        const uint32_t value = down ? uint32_t(0) - amount : amount;
        sp_ += value;
        load_constant(rd, value);
        out_.emit16(uint16_t(0x4485 | rd << 3), EncodingClass::T16HighRegister, format("add sp, %s", reg(rd)));
        return;
    }
    }
}

void Generator::write_pc()
{
    // MOV PC, Rm and ADD PC, Rm (T2): ALUWritePC = BranchWritePC, bit 0 of the result ignored.
    const bool add = chance(50);
    const unsigned rm = any_dest();
    const auto placeholder = constant_placeholder(rm);
    const std::size_t branch = out_.emit16(uint16_t((add ? 0x4487 : 0x4687) | rm << 3), EncodingClass::T16HighRegister,
                                           format("%s pc, %s", add ? "add" : "mov", reg(rm)));
    fillers(below(4));
    while (out_.pc() < out_.at(branch).address + 4) t16_add_sub_imm3();
    const uint32_t target = out_.pc();
    const uint32_t bit0 = below(2);
    patch_constant(placeholder, rm, (add ? target - (out_.at(branch).address + 4) : target) | bit0);
}

void Generator::load_pc()
{
    // LDR.W PC / LDMIA.W {..., PC} / POP.W {..., PC}: LoadWritePC = BXWritePC, so the loaded
    // value carries the Thumb bit; LDR to PC needs a word-aligned address; LDM with both LR and
    // PC is UNPREDICTABLE. The target is stored first with STR.
    unsigned kind = below(3);
    if (kind == 2 && sp_ + 8 > layout_.stack_high) kind = 0;  // no room to pop two words
    const unsigned rt = any_dest();
    const uint16_t saved = locked_;
    locked_ |= uint16_t(1u << rt);
    const auto placeholder = constant_placeholder(rt);
    std::size_t branch = 0;
    if (kind == 2) {
        // POP.W (LDMIA SP! T2) needs at least two registers: PC and one more.
        uint32_t list = below(0x2000);  // separate statements: operand evaluation order is unspecified
        list |= 1u << below(13);
        if (sp_ + (unsigned(__builtin_popcount(list)) + 1) * 4 > layout_.stack_high) list = 1u << below(13);
        const unsigned slot = unsigned(__builtin_popcount(list));
        sp_ += (slot + 1) * 4;
        out_.emit32(uint16_t(0xF8C0 | SP), uint16_t(rt << 12 | slot * 4), EncodingClass::T32LoadStoreImm12,
                    format("str.w %s, [sp, #%u]", reg(rt), slot * 4));
        branch = out_.emit32(0xE8BD, uint16_t(0x8000 | list), EncodingClass::T32LoadStoreMultiple, "pop.w " + register_list(list | 0x8000));
    } else {
        const unsigned rn = data_base(false, 4);
        if (kind == 0) {
            const unsigned imm12 = below(1024) * 4;
            out_.emit32(uint16_t(0xF8C0 | rn), uint16_t(rt << 12 | imm12), EncodingClass::T32LoadStoreImm12,
                        format("str.w %s, [%s, #%u]", reg(rt), reg(rn), imm12));
            branch = out_.emit32(uint16_t(0xF8D0 | rn), uint16_t(0xF000 | imm12), EncodingClass::T32LoadStoreImm12,
                                 format("ldr.w pc, [%s, #%u]", reg(rn), imm12));
        } else {
            uint32_t list = below(0x2000) & ~(1u << rn) & ~uint32_t(locked_ & ~(1u << rt));
            if (list == 0) list = 1u << (rn == 0 ? 1 : 0);
            const bool writeback = chance(50);
            const unsigned slot = unsigned(__builtin_popcount(list));
            out_.emit32(uint16_t(0xF8C0 | rn), uint16_t(rt << 12 | slot * 4), EncodingClass::T32LoadStoreImm12,
                        format("str.w %s, [%s, #%u]", reg(rt), reg(rn), slot * 4));
            branch = out_.emit32(uint16_t(0xE890 | unsigned(writeback) << 5 | rn), uint16_t(0x8000 | list),
                                 EncodingClass::T32LoadStoreMultiple,
                                 format("ldmia.w %s%s, ", reg(rn), writeback ? "!" : "") + register_list(list | 0x8000));
        }
    }
    locked_ = saved;
    fillers(below(3));
    if (out_.pc() == out_.at(branch).address + 4) out_.emit16(0xBF00, EncodingClass::T16Hint, "nop");  // skipped
    patch_constant(placeholder, rt, out_.pc() | 1);
}

void Generator::interrupt_masks()
{
    // No exception is ever pending, so the masks change nothing but what MRS reads back.
    // BASEPRI: the core implements 4 priority bits (CoreConfig::priority_bits, STM32F1) and
    // Unicorn 8, so only values with bits [3:0] clear are written.
    switch (below(3)) {
    case 0: {
        const unsigned flags = 1 + below(3);  // I, F or both
        const bool disable = chance(50);
        out_.emit16(uint16_t(0xB660 | unsigned(disable) << 4 | flags), EncodingClass::T16ChangeProcessorState,
                    format("cps%s %s%s", disable ? "id" : "ie", flags & 2 ? "i" : "", flags & 1 ? "f" : ""));
        break;
    }
    case 1: {
        struct Sys { unsigned sysm; const char* name; };
        static constexpr std::array<Sys, 2> masks = {{{16, "primask"}, {19, "faultmask"}}};
        const Sys& sys = masks[below(2)];
        const unsigned rn = any_src();
        out_.emit32(uint16_t(0xF380 | rn), uint16_t(0x8800 | sys.sysm), EncodingClass::T32SpecialRegister,
                    format("msr %s, %s", sys.name, reg(rn)));
        break;
    }
    default: {
        const bool max = chance(40);
        const unsigned rn = any_dest();
        load_constant(rn, random32() & ~0xFu);
        out_.emit32(uint16_t(0xF380 | rn), uint16_t(0x8800 | (max ? 18 : 17)), EncodingClass::T32SpecialRegister,
                    format("msr %s, %s", max ? "basepri_max" : "basepri", reg(rn)));
        break;
    }
    }
    if (chance(60)) {
        static constexpr std::array<std::pair<unsigned, const char*>, 3> masks = {{{16, "primask"}, {17, "basepri"}, {19, "faultmask"}}};
        const auto& sys = masks[below(3)];
        const unsigned rd = any_dest();
        out_.emit32(0xF3EF, uint16_t(0x8000 | rd << 8 | sys.first), EncodingClass::T32SpecialRegister,
                    format("mrs %s, %s", reg(rd), sys.second));
    }
}

}  // namespace hiltest::testing::differential::detail
