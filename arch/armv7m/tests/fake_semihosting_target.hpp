#pragma once
// A halted core for the semihosting host's tests: memory from 0x1000 up to 0x1200, every other
// address unreachable, and a time the test sets.
#include <cstring>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "arch/armv7m/semihosting.hpp"

namespace hiltest::armv7m::semihosting::testing {

struct FakeTarget : Target {
    static constexpr uint32_t kBase = 0x1000;
    std::vector<uint8_t> memory = std::vector<uint8_t>(0x200, 0xEE);
    std::vector<uint32_t> results;  // every return_from_call, in order
    std::size_t bytes_read = 0;
    uint64_t now_ns = 0;

    bool reachable(uint32_t address) const { return address >= kBase && address - kBase < memory.size(); }
    void put(uint32_t address, const std::string& text, bool terminate = true)
    {
        std::memcpy(&memory[address - kBase], text.data(), text.size());
        if (terminate) memory[address - kBase + text.size()] = 0;
    }
    void put_words(uint32_t address, std::initializer_list<uint32_t> words)
    {
        for (const uint32_t word : words) {
            std::memcpy(&memory[address - kBase], &word, 4);
            address += 4;
        }
    }
    uint32_t word(uint32_t address) const
    {
        uint32_t value = 0;
        std::memcpy(&value, &memory[address - kBase], 4);
        return value;
    }
    std::string text(uint32_t address, std::size_t length) const
    {
        return std::string(reinterpret_cast<const char*>(&memory[address - kBase]), length);
    }
    // Performs a call that returns and gives its r0.
    uint32_t call(Host& host, uint32_t operation, uint32_t parameter)
    {
        const std::size_t before = results.size();
        if (host.perform({operation, parameter}, *this) != Outcome::Returned || results.size() != before + 1)
            throw std::logic_error("the call did not return");
        return results.back();
    }

    std::size_t read_bytes(uint32_t address, std::span<uint8_t> bytes) override
    {
        std::size_t n = 0;
        for (; n < bytes.size() && reachable(address + static_cast<uint32_t>(n)); ++n) bytes[n] = memory[address + n - kBase];
        bytes_read += n;
        return n;
    }
    bool read_word(uint32_t address, uint32_t& value) override
    {
        if (!reachable(address) || !reachable(address + 3)) return false;
        value = word(address);
        return true;
    }
    std::size_t write_bytes(uint32_t address, std::span<const uint8_t> bytes) override
    {
        std::size_t n = 0;
        for (; n < bytes.size() && reachable(address + static_cast<uint32_t>(n)); ++n) memory[address + n - kBase] = bytes[n];
        return n;
    }
    bool write_word(uint32_t address, uint32_t value) override
    {
        if (!reachable(address) || !reachable(address + 3)) return false;
        std::memcpy(&memory[address - kBase], &value, 4);
        return true;
    }
    uint64_t elapsed_ns() const override { return now_ns; }
    void return_from_call(uint32_t result) override { results.push_back(result); }
};

}  // namespace hiltest::armv7m::semihosting::testing
