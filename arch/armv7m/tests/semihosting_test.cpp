#include "arch/armv7m/semihosting.hpp"

#include <cstring>
#include <map>
#include <vector>

#include <gtest/gtest.h>

namespace hiltest::armv7m::semihosting {
namespace {

// Memory from 0x1000 up to (not including) `end`; every other address cannot be read.
struct FakeTarget : Target {
    static constexpr uint32_t kBase = 0x1000;
    std::vector<uint8_t> memory = std::vector<uint8_t>(0x200, 0xEE);
    std::vector<uint32_t> results;  // every return_from_call, in order
    std::size_t bytes_read = 0;

    bool readable(uint32_t address) const { return address >= kBase && address - kBase < memory.size(); }
    void put(uint32_t address, const std::string& text, bool terminate = true) {
        std::memcpy(&memory[address - kBase], text.data(), text.size());
        if (terminate) memory[address - kBase + text.size()] = 0;
    }
    void put_word(uint32_t address, uint32_t value) { std::memcpy(&memory[address - kBase], &value, 4); }

    std::size_t read_bytes(uint32_t address, std::span<uint8_t> bytes) override {
        std::size_t n = 0;
        for (; n < bytes.size() && readable(address + static_cast<uint32_t>(n)); ++n)
            bytes[n] = memory[address + n - kBase];
        bytes_read += n;
        return n;
    }
    bool read_word(uint32_t address, uint32_t& value) override {
        if (!readable(address) || !readable(address + 3)) return false;
        std::memcpy(&value, &memory[address - kBase], 4);
        return true;
    }
    void return_from_call(uint32_t result) override { results.push_back(result); }
};

TEST(Semihosting, WriteCAndWrite0AppendToTheOutputAndReturnZero)
{
    FakeTarget target;
    Host host;
    target.put(0x1000, "A", false);
    target.put(0x1010, "hello\n");
    EXPECT_EQ(host.perform({op::kWriteC, 0x1000}, target), Outcome::Returned);
    EXPECT_EQ(host.perform({op::kWrite0, 0x1010}, target), Outcome::Returned);
    EXPECT_EQ(host.output(), "Ahello\n");
    EXPECT_EQ(target.results, (std::vector<uint32_t>{0, 0}));
    EXPECT_FALSE(host.exit_status());
}

TEST(Semihosting, Write0SpanningBlocksEndsAtTheNulOrWhereMemoryEnds)
{
    FakeTarget target;
    Host host;
    const std::string long_text(150, 'x');
    target.put(0x1000, long_text);
    host.perform({op::kWrite0, 0x1000}, target);
    EXPECT_EQ(host.output(), long_text);

    Host unterminated;
    target.put(0x11F0, std::string(16, 'y'), false);  // runs into unreadable memory at 0x1200
    unterminated.perform({op::kWrite0, 0x11F0}, target);
    EXPECT_EQ(unterminated.output(), std::string(16, 'y'));
}

TEST(Semihosting, WriteReturnsTheBytesNotWritten)
{
    FakeTarget target;
    Host host;
    target.put(0x1100, "data", false);
    target.put_word(0x1020, 1);  // handle
    target.put_word(0x1024, 0x1100);
    target.put_word(0x1028, 4);
    host.perform({op::kWrite, 0x1020}, target);
    // A buffer that runs past readable memory is written as far as it can be read.
    target.put_word(0x1024, 0x11FE);
    target.put_word(0x1028, 10);
    host.perform({op::kWrite, 0x1020}, target);
    EXPECT_EQ(host.output(), "data\xEE\xEE");
    EXPECT_EQ(target.results, (std::vector<uint32_t>{0, 8}));
}

TEST(Semihosting, WriteWithAnUnreadableBlockFails)
{
    FakeTarget target;
    Host host;
    host.perform({op::kWrite, 0x11FC}, target);
    EXPECT_EQ(target.results, (std::vector<uint32_t>{kUnsupported}));
    EXPECT_EQ(host.output(), "");
}

TEST(Semihosting, ExitGivesZeroOnlyForApplicationExit)
{
    FakeTarget target;
    Host host;
    EXPECT_EQ(host.perform({op::kExit, kApplicationExit}, target), Outcome::Exited);
    EXPECT_EQ(host.exit_status(), 0);
    EXPECT_EQ(host.exit_reason(), kApplicationExit);
    EXPECT_TRUE(target.results.empty()) << "an exit does not return to the firmware";

    host.firmware_restarted();
    EXPECT_FALSE(host.exit_status());
    EXPECT_FALSE(host.exit_reason());
    host.perform({op::kExit, 0x20023}, target);  // RunTimeErrorUnknown
    EXPECT_EQ(host.exit_status(), 1);
    EXPECT_EQ(host.exit_reason(), 0x20023u);
}

TEST(Semihosting, ExitExtendedGivesItsStatusForApplicationExit)
{
    FakeTarget target;
    Host host;
    target.put_word(0x1040, kApplicationExit);
    target.put_word(0x1044, 7);
    EXPECT_EQ(host.perform({op::kExitExtended, 0x1040}, target), Outcome::Exited);
    EXPECT_EQ(host.exit_status(), 7);

    target.put_word(0x1040, 0x20023);
    host.perform({op::kExitExtended, 0x1040}, target);
    EXPECT_EQ(host.exit_status(), 1);
    EXPECT_EQ(host.exit_reason(), 0x20023u);

    Host unreadable;
    unreadable.perform({op::kExitExtended, 0x2000}, target);
    EXPECT_EQ(unreadable.exit_status(), 1);
    EXPECT_FALSE(unreadable.exit_reason());
}

TEST(Semihosting, AnUnknownOperationReturnsMinusOne)
{
    FakeTarget target;
    Host host;
    EXPECT_EQ(host.perform({0x01 /* SYS_OPEN */, 0x1000}, target), Outcome::Returned);
    EXPECT_EQ(target.results, (std::vector<uint32_t>{0xFFFFFFFFu}));
    EXPECT_EQ(target.bytes_read, 0u);
}

}  // namespace
}  // namespace hiltest::armv7m::semihosting
