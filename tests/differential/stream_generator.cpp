#include "tests/differential/stream_generator.hpp"

#include <array>

#include "tests/differential/generator.hpp"

namespace hiltest::testing::differential {
namespace detail {

void Generator::set_register()
{
    const unsigned rd = any_dest();  // one call per statement: argument evaluation order is unspecified
    load_constant(rd, interesting_value());
}

// =============================================================================================

void Generator::single_data_processing()
{
    using Member = void (Generator::*)();
    static constexpr std::array<Member, 20> members = {
        &Generator::t16_shift_immediate, &Generator::t16_add_sub_register, &Generator::t16_add_sub_imm3,
        &Generator::t16_imm8,            &Generator::t16_data_processing,  &Generator::t16_multiply,
        &Generator::t16_high_register,   &Generator::t16_extend,           &Generator::t16_reverse,
        &Generator::t32_modified_immediate, &Generator::t32_plain_immediate, &Generator::t32_saturate,
        &Generator::t32_bitfield,        &Generator::t32_shifted_register, &Generator::t32_register_shift,
        &Generator::t32_extend,          &Generator::t32_miscellaneous,    &Generator::t32_multiply,
        &Generator::t32_multiply_long,   &Generator::t32_divide};
    (this->*members[below(members.size())])();
}

void Generator::single_any_in_it()
{
    using Member = void (Generator::*)();
    static constexpr std::array<Member, 17> memory_and_misc = {
        &Generator::t16_load_store_register, &Generator::t16_load_store_immediate, &Generator::t16_load_store_sp,
        &Generator::t16_load_literal,        &Generator::t16_adr,                  &Generator::t16_add_sp_immediate,
        &Generator::t16_nop,                 &Generator::t32_load_store_imm12,     &Generator::t32_load_store_imm8,
        &Generator::t32_load_store_unprivileged, &Generator::t32_load_store_register, &Generator::t32_load_literal,
        &Generator::t32_load_store_dual,     &Generator::t32_special_register,     &Generator::t16_data_processing,
        &Generator::t32_modified_immediate,  &Generator::t32_shifted_register};
    if (chance(55))
        single_data_processing();
    else
        (this->*memory_and_misc[below(memory_and_misc.size())])();
}

void Generator::run(unsigned approximate_instructions)
{
    stream_.start = layout_.code_base;
    sp_ = layout_.stack_low + ((layout_.stack_high - layout_.stack_low) / 2 & ~7u);

    // Initial state: interesting register values, random flags, random data window.
    auto& initial = stream_.initial;
    for (unsigned r = 0; r < 13; ++r) initial.registers[r] = interesting_value();
    initial.registers[SP] = sp_;
    initial.registers[LR] = interesting_value();
    initial.registers[PC] = layout_.code_base;
    initial.xpsr = 0x01000000 | (below(32) << 27);
    initial.ram.resize(layout_.ram_size);
    for (auto& byte : initial.ram) byte = uint8_t(rng_());

    // A stream starts with CLREX so the local monitor starts Open on both machines.
    out_.emit32(0xF3BF, 0x8F2F, EncodingClass::T32Exclusive, "clrex");

    using Member = void (Generator::*)();
    static constexpr std::array<Member, 54> cases = {
        &Generator::t16_shift_immediate, &Generator::t16_add_sub_register, &Generator::t16_add_sub_imm3,
        &Generator::t16_imm8, &Generator::t16_data_processing, &Generator::t16_multiply,
        &Generator::t16_high_register, &Generator::t16_branch_exchange, &Generator::t16_load_literal,
        &Generator::t16_load_store_register, &Generator::t16_load_store_immediate, &Generator::t16_load_store_sp,
        &Generator::t16_adr, &Generator::t16_add_sp_immediate, &Generator::t16_adjust_sp,
        &Generator::t16_extend, &Generator::t16_reverse, &Generator::t16_push_pop,
        &Generator::t16_load_store_multiple, &Generator::t16_compare_branch_zero, &Generator::t16_conditional_branch,
        &Generator::t16_branch, &Generator::t16_if_then, &Generator::t16_nop,
        &Generator::t32_modified_immediate, &Generator::t32_plain_immediate, &Generator::t32_saturate,
        &Generator::t32_bitfield, &Generator::t32_shifted_register, &Generator::t32_register_shift,
        &Generator::t32_extend, &Generator::t32_miscellaneous, &Generator::t32_multiply,
        &Generator::t32_multiply_long, &Generator::t32_divide, &Generator::t32_load_store_imm12,
        &Generator::t32_load_store_imm8, &Generator::t32_load_store_unprivileged, &Generator::t32_load_store_register,
        &Generator::t32_load_literal, &Generator::t32_load_store_dual, &Generator::t32_load_store_multiple,
        &Generator::t32_exclusive, &Generator::t32_table_branch, &Generator::t32_conditional_branch,
        &Generator::t32_branch, &Generator::t32_branch_link, &Generator::t32_special_register,
        &Generator::t32_hint_barrier, &Generator::set_register, &Generator::sp_arithmetic,
        &Generator::write_pc, &Generator::load_pc, &Generator::interrupt_masks};
    const uint32_t room = layout_.code_limit - layout_.code_base - 256;  // largest case stays below
    while (out_.instruction_count() < approximate_instructions && out_.pc() - layout_.code_base < room) {
        if (chance(8)) t16_if_then();  // IT blocks get extra weight: many interactions
        else (this->*cases[below(cases.size())])();
    }
    stream_.end = out_.pc();
    out_.emit16(0xE7FE, EncodingClass::T16Branch, "b . (end of stream, not executed)");
}

}  // namespace detail

Stream generate_stream(uint64_t seed, unsigned approximate_instructions, const MemoryLayout& layout,
                       InstructionFilter replace_with_nop)
{
    Stream stream;
    stream.seed = seed;
    detail::Generator(seed, layout, stream).run(approximate_instructions);
    if (replace_with_nop) {
        for (auto& instruction : stream.instructions) {
            if (!replace_with_nop(instruction)) continue;
            const bool wide = instruction.size == 4;
            instruction.text = "nop (replaced: " + instruction.text + ")";
            instruction.encoding_class = wide ? EncodingClass::T32HintBarrier : EncodingClass::T16Hint;
            instruction.first = wide ? 0xF3AF : 0xBF00;
            instruction.second = wide ? 0x8000 : 0;
            const std::size_t offset = instruction.address - stream.start;
            stream.code[offset] = uint8_t(instruction.first);
            stream.code[offset + 1] = uint8_t(instruction.first >> 8);
            if (wide) {
                stream.code[offset + 2] = uint8_t(instruction.second);
                stream.code[offset + 3] = uint8_t(instruction.second >> 8);
            }
        }
    }
    return stream;
}


}  // namespace hiltest::testing::differential
