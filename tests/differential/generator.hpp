#pragma once
// Internal to the generator (not part of its interface): the Generator class, split over
// generator_*.cpp by instruction group. stream_generator.hpp is the public entry point.
#include <array>
#include <cstdint>
#include <functional>
#include <random>
#include <utility>

#include "tests/differential/stream_emitter.hpp"
#include "tests/differential/thumb_encoding.hpp"
#include "tests/differential/thumb_stream.hpp"

namespace hiltest::testing::differential::detail {

using namespace encoding;

class Generator {
public:
    Generator(uint64_t seed, const MemoryLayout& layout, Stream& stream)
        : rng_(seed), layout_(layout), out_(stream, layout.code_base), stream_(stream)
    {
    }

    void run(unsigned approximate_instructions);

private:
    // Where a memory instruction inside an IT block gets its base and index from: set up before
    // the IT instruction, because the block's instructions must each be exactly one instruction.
    struct Prepared {
        bool active = false;
        unsigned base = 0;   // low register, 8-byte aligned address inside the data window
        unsigned index = 0;  // low register, multiple of 8, at most 0x1F8
    };

    // --- randomness
    uint32_t below(uint32_t n) { return n ? uint32_t(rng_() % n) : 0; }
    bool chance(unsigned percent) { return below(100) < percent; }
    uint32_t random32() { return uint32_t(rng_()); }
    uint32_t interesting_value()
    {
        switch (below(12)) {
        case 0: return 0;
        case 1: return below(17);
        case 2: return 0xFFFFFFFFu - below(4);
        case 3: return 0x80000000u + below(3) - 1;
        case 4: return 0x7FFFFFFFu - below(2);
        case 5: return 1u << below(32);
        case 6: return std::array<uint32_t, 6>{0xFF, 0xFFFF, 0xFF00, 0x8000, 0x80, 0xFFFF0000}[below(6)];
        case 7: return below(0x10000);
        default: return random32();
        }
    }

    // --- register choice: r0-r12 and LR are general purpose; SP and PC only where named.
    bool writable(unsigned r) const { return !(locked_ & (1u << r)); }
    unsigned low_dest()
    {
        for (;;) {
            const unsigned r = below(8);
            if (writable(r)) return r;
        }
    }
    unsigned low_src() { return below(8); }
    unsigned any_dest()
    {
        for (;;) {
            const unsigned r = below(14) == 13 ? LR : below(13);
            if (writable(r)) return r;
        }
    }
    unsigned any_src()
    {
        const unsigned r = below(14);
        return r == 13 ? LR : r;
    }
    const char* s_suffix() const { return in_it_ ? "" : "s"; }
    const char* cond_suffix() const { return in_it_ ? condition_names[it_condition_] : ""; }

    // --- set-up helpers (never inside an IT block)
    void load_constant(unsigned rd, uint32_t value)
    {
        if (rd < 8 && value < 256 && chance(50)) {
            out_.emit16(uint16_t(0x2000 | rd << 8 | value), EncodingClass::T16MovCmpAddSubImm8,
                        format("movs %s, #%u", reg(rd), value));
            return;
        }
        out_.emit32(encode_movw_movt(false, rd, value & 0xFFFF), EncodingClass::T32PlainImmediate,
                    format("movw %s, #0x%x", reg(rd), value & 0xFFFF));
        if (value >> 16)
            out_.emit32(encode_movw_movt(true, rd, value >> 16), EncodingClass::T32PlainImmediate,
                        format("movt %s, #0x%x", reg(rd), value >> 16));
    }
    // A base register pointing into the data window, aligned to `alignment`.
    unsigned data_base(bool low, uint32_t alignment)
    {
        if (prepared_.active) return prepared_.base;
        const unsigned rn = low ? low_dest() : any_dest();
        const uint32_t span = layout_.data_high - layout_.data_low;
        uint32_t address = layout_.data_low + below(span);
        if (!chance(15)) address &= ~(alignment - 1);  // mostly aligned; sometimes deliberately not
        if (alignment >= 4) address &= ~(alignment - 1);  // LDM/LDRD/LDREX must be aligned
        load_constant(rn, address);
        return rn;
    }
    unsigned data_index(bool low, unsigned avoid, uint32_t alignment)
    {
        if (prepared_.active) return prepared_.index;
        unsigned rm;
        do rm = low ? low_dest() : any_dest();
        while (rm == avoid);
        uint32_t value = below(0x200);
        if (!chance(15)) value &= ~(alignment - 1);
        load_constant(rm, value);
        return rm;
    }

    // --- one instruction without set-up, for fillers and IT blocks (returns false if it did not fit)
    void single_data_processing();
    void single_any_in_it();

    // --- instruction classes
    void t16_shift_immediate();
    void t16_add_sub_register();
    void t16_add_sub_imm3();
    void t16_imm8();
    void t16_data_processing();
    void t16_multiply();
    void t16_high_register();
    void t16_branch_exchange();
    void t16_load_literal();
    void t16_load_store_register();
    void t16_load_store_immediate();
    void t16_load_store_sp();
    void t16_adr();
    void t16_add_sp_immediate();
    void t16_adjust_sp();
    void t16_extend();
    void t16_reverse();
    void t16_push_pop();
    void t16_load_store_multiple();
    void t16_compare_branch_zero();
    void t16_conditional_branch();
    void t16_branch();
    void t16_if_then();
    void t16_nop();
    void t32_modified_immediate();
    void t32_plain_immediate();
    void t32_saturate();
    void t32_bitfield();
    void t32_shifted_register();
    void t32_register_shift();
    void t32_extend();
    void t32_miscellaneous();
    void t32_multiply();
    void t32_multiply_long();
    void t32_divide();
    void t32_load_store_imm12();
    void t32_load_store_imm8();
    void t32_load_store_unprivileged();
    void t32_load_store_register();
    void t32_load_literal();
    void t32_load_store_dual();
    void t32_load_store_multiple();
    void t32_exclusive();
    void t32_table_branch();
    void t32_conditional_branch();
    void t32_branch();
    void t32_branch_link();
    void t32_special_register();
    void t32_hint_barrier();
    void set_register();
    void sp_arithmetic();
    void write_pc();
    void load_pc();
    void interrupt_masks();
    // MOVW/MOVT placeholders for an address known only later; patch_constant fills them in.
    std::pair<std::size_t, std::size_t> constant_placeholder(unsigned rd)
    {
        return {out_.emit32(encode_movw_movt(false, rd, 0), EncodingClass::T32PlainImmediate, ""),
                out_.emit32(encode_movw_movt(true, rd, 0), EncodingClass::T32PlainImmediate, "")};
    }
    void patch_constant(std::pair<std::size_t, std::size_t> placeholder, unsigned rd, uint32_t value)
    {
        out_.patch32(placeholder.first, encode_movw_movt(false, rd, value & 0xFFFF), format("movw %s, #0x%x", reg(rd), value & 0xFFFF));
        out_.patch32(placeholder.second, encode_movw_movt(true, rd, value >> 16), format("movt %s, #0x%x", reg(rd), value >> 16));
    }

    void fillers(unsigned count)
    {
        for (unsigned i = 0; i < count; ++i) single_data_processing();
    }
    // Branch-over-fillers shape shared by all forward branches: emit the branch via `emit`, some
    // fillers, then patch the branch to land at the current PC.
    void forward_branch(const std::function<std::size_t()>& emit, const std::function<void(std::size_t, int32_t)>& patch,
                        unsigned max_fillers)
    {
        const std::size_t index = emit();
        const uint32_t from = out_.at(index).address + 4;
        fillers(below(max_fillers + 1));
        while (out_.pc() < from) t16_add_sub_imm3();  // a 16-bit branch cannot target the next halfword
        patch(index, int32_t(out_.pc() - from));
    }

    std::mt19937_64 rng_;
    MemoryLayout layout_;
    StreamEmitter out_;
    Stream& stream_;
    uint32_t sp_ = 0;
    uint16_t locked_ = 0;
    bool in_it_ = false;
    unsigned it_condition_ = 14;
    Prepared prepared_;
};

}  // namespace hiltest::testing::differential::detail
