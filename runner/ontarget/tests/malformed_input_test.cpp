// Input that is not the framework's, or is broken, gives no results and no crash: random
// bytes, truncated and overlong lines, numbers too large for any counter. Also the format names.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "runner/ontarget/tests/feeding.hpp"
#include "runner/ontarget/text_scan.hpp"
#include "runner/ontarget/tests/transcripts.hpp"

namespace hiltest::ontarget {
namespace {

TEST(OntargetMalformed, RandomBytesGiveNoCrashAndAnUnfinishedRun)
{
    for (const OutputFormat format : output_formats()) {
        for (std::uint32_t seed = 1; seed <= 20; ++seed) {
            SCOPED_TRACE(std::string(to_string(format)) + " random bytes seed " + std::to_string(seed));
            std::mt19937 random(seed);
            std::uniform_int_distribution<int> byte(0, 255);
            std::string noise(4096, '\0');
            for (char& c : noise) c = static_cast<char>(byte(random));
            const TestRun run = testing::parse_random_chunks(format, noise, seed);
            EXPECT_FALSE(run.finished);
        }
    }
}

TEST(OntargetMalformed, EveryPrefixOfEveryTranscriptParses)
{
    // A run cut at any byte: never a crash, and never more results than the whole run has.
    const std::pair<OutputFormat, std::string_view> runs[] = {{OutputFormat::Unity, testing::unity_run},
                                                             {OutputFormat::CppUTest, testing::cpputest_verbose_run},
                                                             {OutputFormat::GoogleTest, testing::gtest_run},
                                                             {OutputFormat::Tap, testing::tap_run}};
    for (const auto& [format, text] : runs) {
        const std::size_t all = testing::parse_whole(format, text).cases.size();
        for (std::size_t cut = 0; cut < text.size(); ++cut) {
            EXPECT_LE(testing::parse_whole(format, text.substr(0, cut)).cases.size(), all) << to_string(format) << " cut at " << cut;
        }
    }
}

TEST(OntargetMalformed, HugeNumbersAreNotResults)
{
    const TestRun unity = testing::parse_whole(OutputFormat::Unity, "t.c:99999999999999999999:test_a:PASS\n");
    EXPECT_TRUE(unity.cases.empty());
    const TestRun tap = testing::parse_whole(OutputFormat::Tap, "1..99999999999999999999\nok 99999999999999999999999\n");
    EXPECT_TRUE(tap.cases.empty());
    EXPECT_FALSE(tap.summary.tests.has_value());
    // A plan too large to walk is noted, not listed.
    const TestRun big_plan = testing::parse_whole(OutputFormat::Tap, "1..4000000000\nok 1\n");
    EXPECT_TRUE(big_plan.missing.empty());
    EXPECT_FALSE(big_plan.notes.empty());
}

TEST(OntargetMalformed, OverlongLineIsCutNotKept)
{
    std::string line = "t.c:3:test_long:FAIL: ";
    line += std::string(100'000, 'x');
    line += "\nt.c:4:test_next:PASS\n";
    const TestRun run = testing::parse_whole(OutputFormat::Unity, line);
    ASSERT_EQ(run.cases.size(), 2u);
    EXPECT_LE(run.cases[0].message.size(), LineSplitter::max_line_length);
    EXPECT_EQ(run.cases[1].name, "test_next");
}

TEST(OntargetMalformed, FloodAfterAFailureIsCapped)
{
    std::string flood = "[ RUN      ] Log.Flood\nlog_test.cpp:5: Failure\n";
    for (int i = 0; i < 20'000; ++i) flood += "log line that the firmware keeps printing\n";
    flood += "[  FAILED  ] Log.Flood (9 ms)\n";
    const TestRun run = testing::parse_whole(OutputFormat::GoogleTest, flood);
    ASSERT_EQ(run.cases.size(), 1u);
    EXPECT_LE(run.cases[0].message.size(), text::max_message_length);
    EXPECT_GT(run.cases[0].message.size(), 1000u);
}

TEST(OntargetMalformed, BrokenStructuresAreIgnored)
{
    const TestRun gtest = testing::parse_whole(OutputFormat::GoogleTest,
                                               "[       OK ] Never.Started (0 ms)\n[ RUN      ]\n[  FAILED  ]\n[==========]\n");
    EXPECT_FALSE(gtest.finished);
    const TestRun cpputest = testing::parse_whole(OutputFormat::CppUTest,
                                                  "TEST(, )\nTEST(A\n - 3 ms\nOK ()\nErrors (x failures)\nOK (tests)\n");
    EXPECT_FALSE(cpputest.finished);
    EXPECT_TRUE(cpputest.cases.empty());
    const TestRun tap = testing::parse_whole(OutputFormat::Tap, "  ---\n  message: stray\n  ...\nok\n  ---\n  line: 99999999999\n");
    ASSERT_EQ(tap.cases.size(), 1u);
    EXPECT_EQ(tap.cases[0].message, "");
    EXPECT_FALSE(tap.cases[0].line.has_value());
}

TEST(OntargetFormats, NamesRoundTrip)
{
    for (const OutputFormat format : output_formats()) {
        EXPECT_EQ(output_format_from_string(to_string(format)), format);
        EXPECT_NE(make_output_parser(format), nullptr);
    }
    EXPECT_EQ(output_format_from_string("junit"), std::nullopt);
    EXPECT_EQ(output_formats().size(), 4u);
}

}  // namespace
}  // namespace hiltest::ontarget

namespace hiltest::ontarget {
namespace {

// A firmware flooding its channel with result lines: the parser keeps kMaxCases, counts the rest
// by outcome (a failure past the cap is still seen) and keeps a bounded number of notes.
TEST(OntargetFlood, ResultsPastTheCapAreCountedNotKept)
{
    const auto parser = make_output_parser(OutputFormat::Unity);
    const std::size_t extra = 5;
    for (std::size_t i = 0; i < OutputParser::kMaxCases + extra; ++i) parser->feed("t.c:1:test_" + std::to_string(i) + ":PASS\n");
    parser->feed("t.c:2:late:FAIL: broke\n");
    parser->feed("-----------------------\n100006 Tests 1 Failures 0 Ignored\nFAIL\n");
    const TestRun& run = parser->run();
    EXPECT_EQ(run.cases.size(), OutputParser::kMaxCases);
    EXPECT_EQ(run.not_kept.passed, extra);
    EXPECT_EQ(run.not_kept.failed, 1u);
    EXPECT_TRUE(run.finished) << "the end line is still read";
}

TEST(OntargetFlood, TapDuplicatesKeepABoundedNumberOfNotes)
{
    const auto parser = make_output_parser(OutputFormat::Tap);
    parser->feed("1..1\n");
    for (int i = 0; i < 1000; ++i) parser->feed("ok 1 - again\n");
    EXPECT_LE(parser->run().notes.size(), OutputParser::kMaxNotes);
    EXPECT_EQ(parser->run().notes.back(), "more notes were left out");
}

}  // namespace
}  // namespace hiltest::ontarget
