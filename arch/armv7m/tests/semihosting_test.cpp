#include "arch/armv7m/semihosting.hpp"

#include <vector>

#include "arch/armv7m/tests/fake_semihosting_target.hpp"

#include <gtest/gtest.h>

namespace hiltest::armv7m::semihosting {
namespace {

using testing::FakeTarget;

// Opens ":tt" with `mode` through a block at 0x1180 and returns the handle.
uint32_t open_console(Host& host, FakeTarget& target, uint32_t mode)
{
    target.put(0x1190, ":tt");
    target.put_words(0x1180, {0x1190, mode, 3});
    return target.call(host, op::kOpen, 0x1180);
}

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
    const uint32_t out = open_console(host, target, 4);
    target.put(0x1100, "data", false);
    target.put_words(0x1020, {out, 0x1100, 4});
    host.perform({op::kWrite, 0x1020}, target);
    // A buffer that runs past readable memory is written as far as it can be read.
    target.put_words(0x1020, {out, 0x11FE, 10});
    host.perform({op::kWrite, 0x1020}, target);
    EXPECT_EQ(host.output(), "data\xEE\xEE");
    EXPECT_EQ(target.results, (std::vector<uint32_t>{out, 0, 8}));
}

TEST(Semihosting, StderrIsKeptApartAndInOrderWithStdout)
{
    FakeTarget target;
    Host host;
    const uint32_t out = open_console(host, target, 5);  // "wb"
    const uint32_t err = open_console(host, target, 8);  // "a"
    target.put(0x1100, "out1 err out2", false);
    target.put_words(0x1020, {out, 0x1100, 5});
    target.call(host, op::kWrite, 0x1020);
    target.put_words(0x1020, {err, 0x1105, 4});
    target.call(host, op::kWrite, 0x1020);
    target.put_words(0x1020, {out, 0x1109, 4});
    target.call(host, op::kWrite, 0x1020);
    EXPECT_EQ(host.output(), "out1 err out2");
    EXPECT_EQ(host.error_output(), "err ");
}

TEST(Semihosting, WriteToAHandleThatIsNotAnOutputWritesNothingAndSetsEbadf)
{
    FakeTarget target;
    Host host;
    const uint32_t in = open_console(host, target, 0);
    target.put(0x1100, "data", false);
    for (const uint32_t handle : {in, 0u, 7u}) {
        target.put_words(0x1020, {handle, 0x1100, 4});
        EXPECT_EQ(target.call(host, op::kWrite, 0x1020), 4u) << "handle " << handle;
        EXPECT_EQ(target.call(host, op::kErrno, 0), error_number::kBadHandle);
    }
    EXPECT_EQ(host.output(), "");
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
    target.put_words(0x1040, {kApplicationExit, 7});
    EXPECT_EQ(host.perform({op::kExitExtended, 0x1040}, target), Outcome::Exited);
    EXPECT_EQ(host.exit_status(), 7);

    target.put_words(0x1040, {0x20023});
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
    EXPECT_EQ(host.perform({0x08 /* SYS_ISERROR */, 0x1000}, target), Outcome::Returned);
    EXPECT_EQ(host.perform({0x99, 0x1000}, target), Outcome::Returned);
    EXPECT_EQ(target.results, (std::vector<uint32_t>{0xFFFFFFFFu, 0xFFFFFFFFu}));
    EXPECT_EQ(target.bytes_read, 0u);
}

}  // namespace
}  // namespace hiltest::armv7m::semihosting
