// What the host tells the firmware about its environment: heap and stack, elapsed time and
// the command line, each written into the firmware's memory.
#include <span>
#include <string_view>
#include <utility>

#include "arch/armv7m/semihosting.hpp"

namespace hiltest::armv7m::semihosting {

// r1 = the address of a word that points to the four-word block to fill.
uint32_t Host::heap_info(uint32_t pointer, Target& target)
{
    uint32_t block = 0;
    if (!target.read_word(pointer, block)) return fail(error_number::kFault);
    const HeapInfo& heap = config_.heap;
    for (const auto& [offset, value] : {std::pair{0u, heap.heap_base}, std::pair{4u, heap.heap_limit},
                                       std::pair{8u, heap.stack_base}, std::pair{12u, heap.stack_limit}}) {
        if (!target.write_word(block + offset, value)) return fail(error_number::kFault);
    }
    return 0;
}

// r1 = a two-word block for the 64-bit tick count, least significant word first.
uint32_t Host::elapsed(uint32_t block, Target& target)
{
    const uint64_t ticks = target.elapsed_ns();  // one tick per nanosecond (kTicksPerSecond)
    if (!target.write_word(block, static_cast<uint32_t>(ticks)) || !target.write_word(block + 4, static_cast<uint32_t>(ticks >> 32)))
        return fail(error_number::kFault);
    return 0;
}

// r1 = {buffer, buffer size}. The command line and its NUL go into the buffer and its length
// (without the NUL) into the second word; a buffer too small gets nothing and -1.
uint32_t Host::command_line(uint32_t block, Target& target)
{
    uint32_t buffer = 0, size = 0;
    if (!target.read_word(block, buffer) || !target.read_word(block + 4, size)) return fail(error_number::kFault);
    const std::string& text = config_.command_line;
    if (text.size() + 1 > size) return fail(error_number::kTooBig);
    const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(text.c_str()), text.size() + 1);
    if (target.write_bytes(buffer, bytes) != bytes.size() || !target.write_word(block + 4, static_cast<uint32_t>(text.size())))
        return fail(error_number::kFault);
    return 0;
}

}  // namespace hiltest::armv7m::semihosting
