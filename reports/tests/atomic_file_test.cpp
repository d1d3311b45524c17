#include "reports/atomic_file.hpp"

#include <filesystem>
#include <fstream>
#include <cstring>
#include <stdexcept>

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>


#include <gtest/gtest.h>

#include "probe/base/error.hpp"
#include "reports/tests/sample_reports.hpp"

namespace hiltest::reports {
namespace {

// Runs in a death-test child: writes 1 MiB under a 4 KiB file size limit and exits 7 when that
// fails with the documented error.
[[noreturn]] void write_with_file_size_limit(const std::filesystem::path& file, rlim_t bytes)
{
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{bytes, bytes};
    setrlimit(RLIMIT_FSIZE, &limit);
    try {
        write_file_atomically(file, std::string(1 << 20, 'n'));
    } catch (const Error& error) {
        std::exit(error.kind() == ErrorKind::Usage ? 7 : 8);
    }
    std::exit(0);
}

class ReportAtomicWrite : public ::testing::Test {
protected:
    void SetUp() override
    {
        folder_ = testing::unique_temp_path("hiltest_atomic_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        std::filesystem::remove_all(folder_);
        std::filesystem::create_directories(folder_);
    }
    void TearDown() override { std::filesystem::remove_all(folder_); }

    static std::string read(const std::filesystem::path& file)
    {
        std::ifstream in(file, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    std::size_t entries() const
    {
        return static_cast<std::size_t>(
            std::distance(std::filesystem::directory_iterator(folder_), std::filesystem::directory_iterator()));
    }

    std::filesystem::path folder_;
};

TEST_F(ReportAtomicWrite, WritesAndReplaces)
{
    const auto file = folder_ / "report.json";
    write_file_atomically(file, "first");
    EXPECT_EQ(read(file), "first");
    write_file_atomically(file, std::string(1 << 20, 'x'));
    EXPECT_EQ(read(file).size(), 1u << 20);
    EXPECT_EQ(entries(), 1u);  // no temporary file left behind
    const auto permissions = std::filesystem::status(file).permissions();
    EXPECT_NE(permissions & std::filesystem::perms::others_read, std::filesystem::perms::none);
}

TEST_F(ReportAtomicWrite, ProducerThatThrowsLeavesTheOldFileIntact)
{
    const auto file = folder_ / "report.xml";
    write_file_atomically(file, "old complete report");
    EXPECT_THROW(write_file_atomically(file,
                                       [](std::ostream& out) {
                                           out << "<half a report";
                                           throw std::runtime_error("crash while rendering");
                                       }),
                 std::runtime_error);
    EXPECT_EQ(read(file), "old complete report");
    EXPECT_EQ(entries(), 1u);
}

TEST_F(ReportAtomicWrite, AFolderIsRefusedAndKeptAsItIs)
{
    const auto destination = folder_ / "report.json";
    std::filesystem::create_directories(destination);
    {
        std::ofstream keep(destination / "old.txt");
        keep << "old";
    }
    try {
        write_file_atomically(destination, "new");
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::Usage);
        EXPECT_NE(std::string(error.what()).find("is a folder, not a file"), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find(destination.string()), std::string::npos) << error.what();
        EXPECT_FALSE(error.remedy().empty());
    }
    EXPECT_EQ(read(destination / "old.txt"), "old");
    EXPECT_EQ(entries(), 1u);
}

TEST_F(ReportAtomicWrite, ASymlinkStaysALinkAndItsFileIsReplaced)
{
    const auto real = folder_ / "real.json";
    const auto link = folder_ / "latest.json";
    write_file_atomically(real, "old");
    std::filesystem::create_symlink("real.json", link);  // relative, as `ln -s` users write them
    write_file_atomically(link, "new");
    EXPECT_TRUE(std::filesystem::is_symlink(link));
    EXPECT_EQ(std::filesystem::read_symlink(link), "real.json");
    EXPECT_EQ(read(real), "new");
    EXPECT_EQ(entries(), 2u) << "no temporary file left behind";
}

TEST_F(ReportAtomicWrite, ADanglingSymlinkCreatesTheFileItNames)
{
    std::filesystem::create_directories(folder_ / "store");
    const auto link = folder_ / "latest.json";
    std::filesystem::create_symlink(folder_ / "store" / "report.json", link);
    write_file_atomically(link, "first");
    EXPECT_TRUE(std::filesystem::is_symlink(link));
    EXPECT_EQ(read(folder_ / "store" / "report.json"), "first");
}

TEST_F(ReportAtomicWrite, AFifoIsWrittenInPlaceForItsReader)
{
    const auto fifo = folder_ / "report.pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // The reader's end is open first (non-blocking open needs no writer), so the writer's open
    // returns at once and the bytes wait in the pipe: no thread, no waiting.
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    ASSERT_GE(reader, 0);
    write_file_atomically(fifo, "through the pipe");
    std::string received;
    char buffer[256];
    ssize_t n = 0;
    while ((n = ::read(reader, buffer, sizeof buffer)) > 0) received.append(buffer, static_cast<std::size_t>(n));
    ::close(reader);
    EXPECT_EQ(received, "through the pipe");
    struct stat info {};
    ASSERT_EQ(::lstat(fifo.c_str(), &info), 0);
    EXPECT_TRUE(S_ISFIFO(info.st_mode)) << "the FIFO was replaced by a regular file";
    EXPECT_EQ(entries(), 1u);
}

// /dev/null and /dev/full, or (as root, where a rename over them would succeed) device nodes
// of the same kind in the test folder, so a regression never replaces the machine's own.
class ReportAtomicWriteDevice : public ReportAtomicWrite {
protected:
    std::filesystem::path device(const char* name, unsigned minor)
    {
        if (::geteuid() != 0) return std::filesystem::path("/dev") / name;
        const auto node = folder_ / name;
        if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, minor)) != 0) return {};
        return node;
    }
    static bool is_character_device(const std::filesystem::path& path)
    {
        struct stat info {};
        return ::lstat(path.c_str(), &info) == 0 && S_ISCHR(info.st_mode);
    }
};

TEST_F(ReportAtomicWriteDevice, DevNullIsWrittenInPlaceAndStaysADevice)
{
    const auto null = device("null", 3);
    if (null.empty()) GTEST_SKIP() << "cannot create a device node here";
    write_file_atomically(null, std::string(100000, 'r'));
    EXPECT_TRUE(is_character_device(null)) << null << " was replaced by a regular file";
}

TEST_F(ReportAtomicWriteDevice, DevFullIsAnErrorAndStaysADevice)
{
    const auto full = device("full", 7);
    if (full.empty()) GTEST_SKIP() << "cannot create a device node here";
    try {
        write_file_atomically(full, "a report");
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::Usage);
        EXPECT_NE(std::string(error.what()).find(std::strerror(ENOSPC)), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find(full.string()), std::string::npos) << error.what();
    }
    EXPECT_TRUE(is_character_device(full)) << full << " was replaced by a regular file";
}

TEST_F(ReportAtomicWriteDevice, ASymlinkToADeviceIsWrittenInPlace)
{
    const auto null = device("null", 3);
    if (null.empty()) GTEST_SKIP() << "cannot create a device node here";
    const auto link = folder_ / "report.json";
    std::filesystem::create_symlink(null, link);
    write_file_atomically(link, "discarded");
    EXPECT_TRUE(std::filesystem::is_symlink(link));
    EXPECT_TRUE(is_character_device(null));
}

TEST_F(ReportAtomicWrite, MissingFolderIsAClearError)
{
    try {
        write_file_atomically(folder_ / "no" / "such" / "report.json", "x");
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::Usage);
        EXPECT_NE(std::string(error.what()).find("cannot create a file in"), std::string::npos);
        EXPECT_FALSE(error.remedy().empty());
    }
}

TEST_F(ReportAtomicWrite, WriteThatFailsHalfwayLeavesTheOldFileIntact)
{
    // A file size limit makes write() fail with EFBIG part-way, like a full disk. The limit is set
    // in a child process (death-test style) so this test process keeps writing normally.
    const auto file = folder_ / "report.json";
    write_file_atomically(file, "old complete report");
    EXPECT_EXIT(write_with_file_size_limit(file, 4096), ::testing::ExitedWithCode(7), "");
    EXPECT_EQ(read(file), "old complete report");
    EXPECT_EQ(entries(), 1u);
}

}  // namespace
}  // namespace hiltest::reports
