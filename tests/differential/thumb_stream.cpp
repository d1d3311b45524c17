#include "tests/differential/thumb_stream.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace hiltest::testing::differential {

const GeneratedInstruction* Stream::instruction_at(uint32_t address) const
{
    const auto found = std::lower_bound(instructions.begin(), instructions.end(), address,
                                        [](const GeneratedInstruction& i, uint32_t a) { return i.address < a; });
    return found != instructions.end() && found->address == address ? &*found : nullptr;
}

std::string encoding_hex(const GeneratedInstruction& instruction)
{
    char text[16];
    if (instruction.size == 4)
        std::snprintf(text, sizeof text, "%04x %04x", instruction.first, instruction.second);
    else
        std::snprintf(text, sizeof text, "%04x", instruction.first);
    return text;
}

void write_flash_image(std::vector<uint8_t>& flash, const Stream& stream, const MemoryLayout& layout)
{
    flash.resize(layout.flash_size);
    const auto put32 = [&](uint32_t offset, uint32_t value) { std::memcpy(flash.data() + offset, &value, 4); };
    put32(0, layout.stack_high);
    put32(4, layout.flash_base + 0x101);
    flash[0x100] = 0xFE;  // b .
    flash[0x101] = 0xE7;
    std::copy(stream.code.begin(), stream.code.end(), flash.begin() + (stream.start - layout.flash_base));
}

}  // namespace hiltest::testing::differential
