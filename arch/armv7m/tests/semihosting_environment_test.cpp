// SYS_HEAPINFO, SYS_CLOCK, SYS_TIME, SYS_ELAPSED, SYS_TICKFREQ and SYS_GET_CMDLINE.
#include <gtest/gtest.h>

#include "arch/armv7m/semihosting.hpp"
#include "arch/armv7m/tests/fake_semihosting_target.hpp"

namespace hiltest::armv7m::semihosting {
namespace {

using testing::FakeTarget;

TEST(SemihostingEnvironment, HeapInfoFillsTheBlockTheParameterPointsTo)
{
    FakeTarget target;
    Config config;
    config.heap = {0x20001000, 0x20004000, 0x20005000, 0x20004800};
    Host host(config);
    target.put_words(0x1000, {0x1010});  // r1 -> pointer -> block
    EXPECT_EQ(target.call(host, op::kHeapInfo, 0x1000), 0u);
    EXPECT_EQ(target.word(0x1010), 0x20001000u);
    EXPECT_EQ(target.word(0x1014), 0x20004000u);
    EXPECT_EQ(target.word(0x1018), 0x20005000u);
    EXPECT_EQ(target.word(0x101C), 0x20004800u);
}

TEST(SemihostingEnvironment, HeapInfoIsAllZeroByDefaultAndFailsOnAnUnreachableBlock)
{
    FakeTarget target;
    Host host;
    target.put_words(0x1000, {0x1010});
    EXPECT_EQ(target.call(host, op::kHeapInfo, 0x1000), 0u);
    for (uint32_t offset = 0; offset < 16; offset += 4) EXPECT_EQ(target.word(0x1010 + offset), 0u);
    target.put_words(0x1000, {0x11F8});  // the block's last two words are past memory
    EXPECT_EQ(target.call(host, op::kHeapInfo, 0x1000), kUnsupported);
    EXPECT_EQ(target.call(host, op::kErrno, 0), error_number::kFault);
}

TEST(SemihostingEnvironment, TimeCallsCountFromTheTargetsElapsedTime)
{
    FakeTarget target;
    Config config;
    config.start_time_s = 1'700'000'000;
    Host host(config);
    target.now_ns = 12'345'678'901;  // 12.3 s into the run
    EXPECT_EQ(target.call(host, op::kClock, 0), 1234u) << "centiseconds";
    EXPECT_EQ(target.call(host, op::kTime, 0), 1'700'000'012u);
    EXPECT_EQ(target.call(host, op::kTickFreq, 0), 1'000'000'000u);

    target.now_ns = 0x1'2345'6789ull;
    EXPECT_EQ(target.call(host, op::kElapsed, 0x1020), 0u);
    EXPECT_EQ(target.word(0x1020), 0x23456789u) << "least significant word first";
    EXPECT_EQ(target.word(0x1024), 0x1u);
    EXPECT_EQ(target.call(host, op::kElapsed, 0x11FC), kUnsupported);
}

TEST(SemihostingEnvironment, GetCmdlineWritesTheTextTerminatedAndItsLength)
{
    FakeTarget target;
    Config config;
    config.command_line = "fw --fast 3";
    Host host(config);
    target.put_words(0x1000, {0x1100, 12});  // exactly the text and its NUL
    EXPECT_EQ(target.call(host, op::kGetCmdline, 0x1000), 0u);
    EXPECT_EQ(target.text(0x1100, 12), std::string("fw --fast 3\0", 12));
    EXPECT_EQ(target.word(0x1004), 11u);
}

TEST(SemihostingEnvironment, GetCmdlineFailsWhenTheBufferIsTooSmall)
{
    FakeTarget target;
    Config config;
    config.command_line = "fw --fast 3";
    Host host(config);
    target.put_words(0x1000, {0x1100, 11});  // no room for the NUL
    EXPECT_EQ(target.call(host, op::kGetCmdline, 0x1000), kUnsupported);
    EXPECT_EQ(target.call(host, op::kErrno, 0), error_number::kTooBig);
    EXPECT_EQ(target.memory[0x100], 0xEE) << "nothing written";
    EXPECT_EQ(target.word(0x1004), 11u) << "the size word is left alone";
}

TEST(SemihostingEnvironment, AnEmptyCommandLineIsJustItsNul)
{
    FakeTarget target;
    Host host;
    target.put_words(0x1000, {0x1100, 80});
    EXPECT_EQ(target.call(host, op::kGetCmdline, 0x1000), 0u);
    EXPECT_EQ(target.memory[0x100], 0);
    EXPECT_EQ(target.word(0x1004), 0u);
}

}  // namespace
}  // namespace hiltest::armv7m::semihosting
