#pragma once
// Appends instructions (with their text and class) to a Stream and patches them later, for
// forward references whose target is known only after more code was emitted.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "tests/differential/thumb_stream.hpp"

namespace hiltest::testing::differential {

class StreamEmitter {
public:
    StreamEmitter(Stream& stream, uint32_t base) : stream_(stream), base_(base) {}

    uint32_t pc() const { return base_ + uint32_t(stream_.code.size()); }

    std::size_t emit16(uint16_t halfword, EncodingClass encoding_class, std::string text)
    {
        stream_.instructions.push_back({pc(), halfword, 0, 2, encoding_class, std::move(text)});
        put(halfword);
        return stream_.instructions.size() - 1;
    }
    std::size_t emit32(uint16_t first, uint16_t second, EncodingClass encoding_class, std::string text)
    {
        stream_.instructions.push_back({pc(), first, second, 4, encoding_class, std::move(text)});
        put(first);
        put(second);
        return stream_.instructions.size() - 1;
    }
    std::size_t emit32(std::pair<uint16_t, uint16_t> halfwords, EncodingClass encoding_class, std::string text)
    {
        return emit32(halfwords.first, halfwords.second, encoding_class, std::move(text));
    }
    // Table data (TBB/TBH) that is never executed.
    void emit_data16(uint16_t halfword) { put(halfword); }

    GeneratedInstruction& at(std::size_t index) { return stream_.instructions[index]; }
    void patch16(std::size_t index, uint16_t halfword, std::string text)
    {
        auto& instruction = stream_.instructions[index];
        instruction.first = halfword;
        instruction.text = std::move(text);
        write_at(instruction.address, halfword);
    }
    void patch32(std::size_t index, std::pair<uint16_t, uint16_t> halfwords, std::string text)
    {
        auto& instruction = stream_.instructions[index];
        instruction.first = halfwords.first;
        instruction.second = halfwords.second;
        instruction.text = std::move(text);
        write_at(instruction.address, halfwords.first);
        write_at(instruction.address + 2, halfwords.second);
    }
    void patch_data16(uint32_t address, uint16_t halfword) { write_at(address, halfword); }
    std::size_t instruction_count() const { return stream_.instructions.size(); }

private:
    void put(uint16_t halfword)
    {
        stream_.code.push_back(uint8_t(halfword));
        stream_.code.push_back(uint8_t(halfword >> 8));
    }
    void write_at(uint32_t address, uint16_t halfword)
    {
        const uint32_t offset = address - base_;
        stream_.code[offset] = uint8_t(halfword);
        stream_.code[offset + 1] = uint8_t(halfword >> 8);
    }

    Stream& stream_;
    uint32_t base_;
};

}  // namespace hiltest::testing::differential
