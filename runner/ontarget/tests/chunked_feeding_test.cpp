// Every parser gives the same run however its bytes arrive: whole, one byte at a time, in
// random chunks (seeds printed by SCOPED_TRACE so a failure can be replayed), and with "\r\n"
// line endings instead of "\n".
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runner/ontarget/tests/feeding.hpp"
#include "runner/ontarget/tests/transcripts.hpp"

namespace hiltest::ontarget {
namespace {

struct Transcript {
    const char* name;
    OutputFormat format;
    std::string_view text;
};

const std::vector<Transcript>& transcripts()
{
    static const std::vector<Transcript> all{
        {"unity_run", OutputFormat::Unity, testing::unity_run},
        {"unity_timed_run", OutputFormat::Unity, testing::unity_timed_run},
        {"unity_cut_off", OutputFormat::Unity, testing::unity_cut_off},
        {"cpputest_verbose_run", OutputFormat::CppUTest, testing::cpputest_verbose_run},
        {"cpputest_default_run", OutputFormat::CppUTest, testing::cpputest_default_run},
        {"cpputest_cut_off", OutputFormat::CppUTest, testing::cpputest_cut_off},
        {"gtest_run", OutputFormat::GoogleTest, testing::gtest_run},
        {"gtest_cut_off", OutputFormat::GoogleTest, testing::gtest_cut_off},
        {"tap_run", OutputFormat::Tap, testing::tap_run},
        {"tap_missing_run", OutputFormat::Tap, testing::tap_missing_run},
        {"tap_bail_out_run", OutputFormat::Tap, testing::tap_bail_out_run},
        {"tap_cut_off", OutputFormat::Tap, testing::tap_cut_off},
    };
    return all;
}

class OntargetChunkedFeeding : public ::testing::TestWithParam<Transcript> {};

TEST_P(OntargetChunkedFeeding, ByteAtATimeGivesTheSameRun)
{
    const Transcript& t = GetParam();
    const TestRun whole = testing::parse_whole(t.format, t.text);
    EXPECT_FALSE(whole.cases.empty() && whole.summary.lines.empty());  // the transcript says something
    EXPECT_EQ(testing::parse_bytewise(t.format, t.text), whole);
    EXPECT_EQ(testing::parse_bytewise(t.format, t.text, false), testing::parse_whole(t.format, t.text, false));
}

TEST_P(OntargetChunkedFeeding, RandomSplitsGiveTheSameRun)
{
    const Transcript& t = GetParam();
    const TestRun whole = testing::parse_whole(t.format, t.text);
    for (std::uint32_t seed = 1; seed <= 50; ++seed) {
        SCOPED_TRACE("random chunk seed " + std::to_string(seed));
        EXPECT_EQ(testing::parse_random_chunks(t.format, t.text, seed), whole);
    }
}

TEST_P(OntargetChunkedFeeding, CrlfLineEndingsGiveTheSameRun)
{
    const Transcript& t = GetParam();
    const std::string crlf = testing::with_crlf(t.text);
    EXPECT_EQ(testing::parse_whole(t.format, crlf), testing::parse_whole(t.format, t.text));
    // "\r" and "\n" in different chunks.
    EXPECT_EQ(testing::parse_random_chunks(t.format, crlf, 7), testing::parse_whole(t.format, t.text));
}

INSTANTIATE_TEST_SUITE_P(Transcripts, OntargetChunkedFeeding, ::testing::ValuesIn(transcripts()),
                         [](const ::testing::TestParamInfo<Transcript>& param_info) { return std::string(param_info.param.name); });

TEST(OntargetIncremental, ResultsAppearAsTheirLinesComplete)
{
    const auto parser = make_output_parser(OutputFormat::GoogleTest);
    parser->feed("[ RUN      ] Flash.Unlock\n[       OK ] Flash.Unl");
    EXPECT_TRUE(parser->run().cases.empty());
    ASSERT_TRUE(parser->run().running.has_value());
    EXPECT_EQ(parser->run().running->name, "Unlock");
    parser->feed("ock (0 ms)\n");
    ASSERT_EQ(parser->run().cases.size(), 1u);
    EXPECT_FALSE(parser->run().running.has_value());
}

TEST(OntargetIncremental, EndOfOutputTakesTheUnterminatedLastLine)
{
    const auto parser = make_output_parser(OutputFormat::Unity);
    parser->feed("-----------------------\n1 Tests 0 Failures 0 Ignored \nOK");
    EXPECT_FALSE(parser->run().finished);
    parser->end_of_output();
    EXPECT_TRUE(parser->run().finished);
    parser->feed("\nt.c:1:test_late:PASS\n");  // after the end: no run's
    EXPECT_TRUE(parser->run().cases.empty());
}

}  // namespace
}  // namespace hiltest::ontarget
