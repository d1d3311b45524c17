// SYS_OPEN, SYS_CLOSE, SYS_READ, SYS_READC, SYS_ISTTY, SYS_SEEK, SYS_FLEN and the refusal of
// everything that would reach the host computer's files.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "arch/armv7m/semihosting.hpp"
#include "arch/armv7m/tests/fake_semihosting_target.hpp"

namespace hiltest::armv7m::semihosting {
namespace {

using testing::FakeTarget;

constexpr uint32_t kBlock = 0x1180;  // parameter blocks
constexpr uint32_t kName = 0x1100;
constexpr uint32_t kBuffer = 0x1040;

uint32_t open_file(Host& host, FakeTarget& target, const std::string& name, uint32_t mode)
{
    target.put(kName, name);
    target.put_words(kBlock, {kName, mode, static_cast<uint32_t>(name.size())});
    return target.call(host, op::kOpen, kBlock);
}

// SYS_READ of `length` bytes into kBuffer; returns r0 (the bytes not read).
uint32_t read(Host& host, FakeTarget& target, uint32_t handle, uint32_t length)
{
    target.put_words(kBlock, {handle, kBuffer, length});
    return target.call(host, op::kRead, kBlock);
}

uint32_t on_handle(Host& host, FakeTarget& target, uint32_t operation, uint32_t handle)
{
    target.put_words(kBlock, {handle});
    return target.call(host, operation, kBlock);
}

TEST(SemihostingFiles, TheConsoleOpensAsStdinStdoutOrStderrByModeWithNewNonZeroHandles)
{
    FakeTarget target;
    Host host;
    // What newlib's rdimon start-up does: ":tt" for "r", "w" and "a".
    const uint32_t in = open_file(host, target, ":tt", 0);
    const uint32_t out = open_file(host, target, ":tt", 4);
    const uint32_t err = open_file(host, target, ":tt", 8);
    EXPECT_EQ(std::vector<uint32_t>({in, out, err}), std::vector<uint32_t>({1, 2, 3}));
    for (const uint32_t handle : {in, out, err}) EXPECT_EQ(on_handle(host, target, op::kIsTty, handle), 1u);

    target.put(0x1060, "x", false);
    target.put_words(kBlock, {err, 0x1060, 1});
    EXPECT_EQ(target.call(host, op::kWrite, kBlock), 0u);
    EXPECT_EQ(host.error_output(), "x");

    // A closed handle is gone, and the next open reuses the lowest free number.
    EXPECT_EQ(on_handle(host, target, op::kClose, out), 0u);
    EXPECT_EQ(on_handle(host, target, op::kClose, out), kUnsupported);
    EXPECT_EQ(target.call(host, op::kErrno, 0), error_number::kBadHandle);
    EXPECT_EQ(open_file(host, target, ":tt", 6), out);
}

TEST(SemihostingFiles, HostFilesAreRefusedWithEacces)
{
    FakeTarget target;
    Host host;
    for (const auto& [name, mode] : std::vector<std::pair<std::string, uint32_t>>{
             {"/etc/passwd", 0}, {"log.txt", 4}, {":tty", 0}, {":semihosting-features", 4}}) {
        EXPECT_EQ(open_file(host, target, name, mode), kUnsupported) << name;
        EXPECT_EQ(target.call(host, op::kErrno, 0), error_number::kAccess) << name;
    }
    target.put_words(kBlock, {kName, 3});
    for (const uint32_t operation : {op::kRemove, op::kRename, op::kSystem, op::kTmpnam}) {
        EXPECT_EQ(target.call(host, operation, kBlock), kUnsupported);
        EXPECT_EQ(target.call(host, op::kErrno, 0), error_number::kAccess);
    }
    EXPECT_EQ(open_file(host, target, ":tt", 12), kUnsupported) << "modes end at 11";
    EXPECT_EQ(target.call(host, op::kErrno, 0), error_number::kInvalid);
}

TEST(SemihostingFiles, ReadFromStdinReturnsTheBytesNotReadAndEndsAtTheConfiguredText)
{
    FakeTarget target;
    Config config;
    config.stdin_text = "hello\nrest";
    Host host(config);
    const uint32_t in = open_file(host, target, ":tt", 0);
    EXPECT_EQ(read(host, target, in, 6), 0u);
    EXPECT_EQ(target.text(kBuffer, 6), "hello\n");
    EXPECT_EQ(read(host, target, in, 8), 4u) << "a short read: 4 bytes left, 8 asked";
    EXPECT_EQ(target.text(kBuffer, 4), "rest");
    EXPECT_EQ(read(host, target, in, 8), 8u) << "end of file: nothing read";

    const uint32_t out = open_file(host, target, ":tt", 4);
    EXPECT_EQ(read(host, target, out, 1), kUnsupported);
    EXPECT_EQ(target.call(host, op::kErrno, 0), error_number::kBadHandle);
}

TEST(SemihostingFiles, ReadCGivesTheNextStdinByteThenMinusOne)
{
    FakeTarget target;
    Config config;
    config.stdin_text = "ab";
    Host host(config);
    const uint32_t in = open_file(host, target, ":tt", 0);
    EXPECT_EQ(read(host, target, in, 1), 0u);  // 'a': SYS_READ and SYS_READC share the stream
    EXPECT_EQ(target.call(host, op::kReadC, 0), uint32_t{'b'});
    EXPECT_EQ(target.call(host, op::kReadC, 0), kUnsupported);
}

TEST(SemihostingFiles, TheFeaturesFileSaysExitExtendedAndStderrAndCanSeek)
{
    FakeTarget target;
    Host host;
    const uint32_t features = open_file(host, target, ":semihosting-features", 0);
    EXPECT_EQ(on_handle(host, target, op::kFlen, features), 5u);
    EXPECT_EQ(on_handle(host, target, op::kIsTty, features), 0u);
    EXPECT_EQ(read(host, target, features, 8), 3u);
    EXPECT_EQ(target.text(kBuffer, 5), std::string("SHFB\x03", 5));

    target.put_words(kBlock, {features, 4});
    EXPECT_EQ(target.call(host, op::kSeek, kBlock), 0u);
    EXPECT_EQ(read(host, target, features, 1), 0u);
    EXPECT_EQ(target.memory[kBuffer - FakeTarget::kBase], 0x03);
    target.put_words(kBlock, {features, 6});
    EXPECT_EQ(target.call(host, op::kSeek, kBlock), kUnsupported) << "past the end";
    EXPECT_EQ(target.call(host, op::kErrno, 0), error_number::kInvalid);
}

TEST(SemihostingFiles, TheConsoleHasNoLengthAndCannotSeek)
{
    FakeTarget target;
    Host host;
    const uint32_t out = open_file(host, target, ":tt", 4);
    EXPECT_EQ(on_handle(host, target, op::kFlen, out), kUnsupported);
    target.put_words(kBlock, {out, 0});
    EXPECT_EQ(target.call(host, op::kSeek, kBlock), kUnsupported);
    EXPECT_EQ(target.call(host, op::kErrno, 0), error_number::kNoSeek);
    EXPECT_EQ(on_handle(host, target, op::kIsTty, 9), kUnsupported);
    EXPECT_EQ(target.call(host, op::kErrno, 0), error_number::kBadHandle);
}

TEST(SemihostingFiles, ARestartClosesEveryHandleAndRewindsStdin)
{
    FakeTarget target;
    Config config;
    config.stdin_text = "z";
    Host host(config);
    const uint32_t in = open_file(host, target, ":tt", 0);
    EXPECT_EQ(target.call(host, op::kReadC, 0), uint32_t{'z'});
    host.firmware_restarted();
    EXPECT_EQ(on_handle(host, target, op::kIsTty, in), kUnsupported);
    EXPECT_EQ(open_file(host, target, ":tt", 0), 1u);
    EXPECT_EQ(target.call(host, op::kReadC, 0), uint32_t{'z'});
}

}  // namespace
}  // namespace hiltest::armv7m::semihosting
