// The exit code table: the order most_urgent ranks by and the sentence the --help footer shows.
#include <gtest/gtest.h>

#include <string>

#include "runner/cli/exit_code.hpp"

namespace hiltest::cli {
namespace {

TEST(ExitCodeTable, MostUrgentRanksAsTheTableIsOrdered)
{
    for (std::size_t low = 0; low < kExitCodeMeanings.size(); ++low) {
        for (std::size_t high = low + 1; high < kExitCodeMeanings.size(); ++high) {
            const ExitCode a = kExitCodeMeanings[low].code, b = kExitCodeMeanings[high].code;
            EXPECT_EQ(most_urgent(a, b), b) << a << " vs " << b;
            EXPECT_EQ(most_urgent(b, a), b) << b << " vs " << a;
        }
    }
    EXPECT_EQ(most_urgent(kExitInterrupted, kExitInfrastructure), kExitInterrupted);
    EXPECT_EQ(most_urgent(kExitUsage, kExitTestFailed), kExitUsage);
}

TEST(ExitCodeTable, ACodeOutsideTheTableCountsAsInfrastructure)
{
    EXPECT_EQ(most_urgent(kExitUsage, 42), 42);
    EXPECT_EQ(most_urgent(42, kExitInterrupted), kExitInterrupted);
    EXPECT_EQ(most_urgent(42, kExitInfrastructure), 42) << "the first of two equally urgent codes";
}

TEST(ExitCodeTable, TheSentenceListsEveryCodeWithItsMeaningInOrder)
{
    const std::string sentence = exit_codes_sentence();
    ASSERT_TRUE(sentence.starts_with("Exit codes: ")) << sentence;
    EXPECT_EQ(sentence.back(), '.');
    EXPECT_EQ(sentence.find('.'), sentence.size() - 1) << "one sentence: the docs test reads up to the first full stop";
    std::size_t at = 0;
    for (const ExitCodeMeaning& row : kExitCodeMeanings) {
        const std::string item = std::to_string(static_cast<int>(row.code)) + " " + std::string(row.meaning);
        const std::size_t found = sentence.find(item, at);
        ASSERT_NE(found, std::string::npos) << item << " in " << sentence;
        at = found + item.size();
    }
    std::size_t line_start = 0;
    for (std::size_t nl = sentence.find('\n'); ; nl = sentence.find('\n', line_start)) {
        const std::size_t end = nl == std::string::npos ? sentence.size() : nl;
        EXPECT_LE(end - line_start, 90u) << sentence;
        if (nl == std::string::npos) break;
        line_start = nl + 1;
    }
}

}  // namespace
}  // namespace hiltest::cli
