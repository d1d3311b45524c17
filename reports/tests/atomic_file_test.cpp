#include "reports/atomic_file.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <csignal>
#include <cstdlib>
#include <sys/resource.h>

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

TEST_F(ReportAtomicWrite, FailedRenameLeavesTheOldContentAndNoTemporary)
{
    // A destination that cannot be replaced: a non-empty directory of that name.
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
        EXPECT_NE(std::string(error.what()).find("cannot replace"), std::string::npos);
    }
    EXPECT_EQ(read(destination / "old.txt"), "old");
    EXPECT_EQ(entries(), 1u);
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
