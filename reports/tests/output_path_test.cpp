#include "reports/output_path.hpp"

#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "probe/base/error.hpp"
#include "reports/tests/sample_reports.hpp"

namespace hiltest::reports {
namespace {

namespace fs = std::filesystem;

class ReportOutputPath : public ::testing::Test {
protected:
    void SetUp() override
    {
        folder_ = testing::unique_temp_path("hiltest_output_" +
                                            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(folder_);
        fs::create_directories(folder_);
    }
    void TearDown() override { fs::remove_all(folder_); }

    // The Error a call throws (kind Usage expected), or a test failure.
    template <typename Call>
    static std::string usage_error(Call call)
    {
        try {
            call();
        } catch (const Error& error) {
            EXPECT_EQ(error.kind(), ErrorKind::Usage);
            EXPECT_FALSE(error.remedy().empty()) << error.what();
            return error.what();
        }
        ADD_FAILURE() << "expected an error";
        return {};
    }

    std::size_t entries(const fs::path& folder) const
    {
        return static_cast<std::size_t>(std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
    }

    fs::path folder_;
};

TEST_F(ReportOutputPath, AMissingReportFolderIsCreatedAndLeftEmpty)
{
    const fs::path reports = folder_ / "ci" / "hiltest-reports";
    check_output_folder(reports, "--report-dir");
    EXPECT_TRUE(fs::is_directory(reports));
    EXPECT_EQ(entries(reports), 0u) << "the write check leaves nothing behind";

    check_output_file(folder_ / "junit" / "blink.xml", "--junit");
    EXPECT_TRUE(fs::is_directory(folder_ / "junit"));
    EXPECT_FALSE(fs::exists(folder_ / "junit" / "blink.xml"));
}

TEST_F(ReportOutputPath, AFolderUnderARegularFileIsRefusedNamingTheFile)
{
    std::ofstream(folder_ / "notes.txt") << "a file";
    const fs::path reports = folder_ / "notes.txt" / "reports";
    const std::string message = usage_error([&] { check_output_folder(reports, "--report-dir"); });
    EXPECT_NE(message.find("--report-dir '" + reports.string() + "'"), std::string::npos) << message;
    EXPECT_NE(message.find((folder_ / "notes.txt").string() + "' is a file"), std::string::npos) << message;

    const std::string file_message = usage_error([&] { check_output_file(reports / "blink.json", "--json"); });
    EXPECT_NE(file_message.find("--json"), std::string::npos) << file_message;
}

TEST_F(ReportOutputPath, ARegularFileGivenAsReportFolderIsRefused)
{
    std::ofstream(folder_ / "reports") << "a file";
    const std::string message = usage_error([&] { check_output_folder(folder_ / "reports", "--report-dir"); });
    EXPECT_NE(message.find("cannot create the folder"), std::string::npos) << message;
}

TEST_F(ReportOutputPath, AFolderGivenAsReportFileIsRefused)
{
    fs::create_directories(folder_ / "blink.json");
    const std::string message = usage_error([&] { check_output_file(folder_ / "blink.json", "--json"); });
    EXPECT_NE(message.find("is a folder, not a file"), std::string::npos) << message;
}

TEST_F(ReportOutputPath, AFolderThatCannotBeCreatedIsRefused)
{
    // /proc takes no new entries, for root neither: a deterministic unwritable place.
    const std::string message = usage_error([&] { check_output_folder("/proc/hiltest-reports", "--report-dir"); });
    EXPECT_NE(message.find("/proc/hiltest-reports"), std::string::npos) << message;
    const std::string file_message = usage_error([&] { check_output_file("/proc/hiltest.json", "--json"); });
    EXPECT_NE(file_message.find("cannot create files in '/proc'"), std::string::npos) << file_message;
}

TEST_F(ReportOutputPath, DevicesPipesAndLinksResolveToWhatIsWritten)
{
    EXPECT_EQ(resolve_output("/dev/null").kind, OutputKind::InPlace);
    const OutputTarget standard_output = resolve_output("/dev/stdout");
    EXPECT_EQ(standard_output.kind, OutputKind::InPlace);
    EXPECT_TRUE(standard_output.path.string().starts_with("/proc/")) << standard_output.path;
    check_output_file("/dev/null", "--json");

    const fs::path fifo = folder_ / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(resolve_output(fifo).kind, OutputKind::InPlace);
    check_output_file(fifo, "--json");  // must not open it (that would wait for a reader)

    const fs::path real = folder_ / "real.json";
    std::ofstream(real) << "x";
    fs::create_symlink("real.json", folder_ / "a.json");
    fs::create_symlink("a.json", folder_ / "b.json");
    const OutputTarget chain = resolve_output(folder_ / "b.json");
    EXPECT_EQ(chain.kind, OutputKind::Replace);
    EXPECT_EQ(chain.path, real);

    fs::create_symlink("loop-2", folder_ / "loop-1");
    fs::create_symlink("loop-1", folder_ / "loop-2");
    const std::string message = usage_error([&] { resolve_output(folder_ / "loop-1"); });
    EXPECT_NE(message.find("loop"), std::string::npos) << message;
}

}  // namespace
}  // namespace hiltest::reports
