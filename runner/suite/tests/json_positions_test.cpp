#include "runner/suite/json_positions.hpp"

#include <gtest/gtest.h>

namespace hiltest::suite {
namespace {

TEST(SuiteJsonPositions, RecordsLineAndColumnOfValuesAndKeys)
{
    const std::string text = "{\n  \"tests\": [\n    {\"name\": \"a\"},\n    {\"name\": 5}\n  ]\n}";
    const JsonPositions positions = JsonPositions::scan(text, 10);
    EXPECT_EQ(positions.value("tests").line, 2u);
    EXPECT_EQ(positions.value("tests").column, 12u);
    EXPECT_EQ(positions.value("tests[1]").line, 4u);
    EXPECT_EQ(positions.value("tests[1]").column, 5u);
    EXPECT_EQ(positions.value("tests[1].name").column, 14u);
    EXPECT_EQ(positions.key("tests[1].name").column, 6u);
    EXPECT_EQ(positions.value("").line, 1u);
}

TEST(SuiteJsonPositions, CountsColumnsInCharactersNotBytes)
{
    const std::string text = "{\"ä\": \"ü\", \"x\": 1}";
    const JsonPositions positions = JsonPositions::scan(text, 10);
    EXPECT_EQ(positions.value("x").column, 17u);
}

TEST(SuiteJsonPositions, QuotesKeysThatAreNotIdentifiers)
{
    const std::string text = "{\"a b\": {\"c\\\"d\": 1}}";
    const JsonPositions positions = JsonPositions::scan(text, 10);
    EXPECT_EQ(member_path("", "a b"), "[\"a b\"]");
    EXPECT_EQ(positions.value("[\"a b\"][\"c\\\"d\"]").column, 18u);
}

TEST(SuiteJsonPositions, DecodesEscapedKeysLikeTheJsonLibrary)
{
    const std::string text = "{\"\\u0070in\": 1, \"\\ud83d\\ude00\": 2}";
    const JsonPositions positions = JsonPositions::scan(text, 10);
    EXPECT_EQ(positions.value("pin").column, 14u);
    EXPECT_EQ(positions.value("[\"\xF0\x9F\x98\x80\"]").column, 33u);
}

TEST(SuiteJsonPositions, FindsDuplicateKeys)
{
    const JsonPositions positions = JsonPositions::scan("{\"a\": 1,\n \"a\": 2}", 10);
    ASSERT_EQ(positions.duplicate_keys().size(), 1u);
    EXPECT_EQ(positions.duplicate_keys()[0].path, "a");
    EXPECT_EQ(positions.duplicate_keys()[0].position.line, 2u);
    EXPECT_EQ(positions.duplicate_keys()[0].position.column, 2u);
}

TEST(SuiteJsonPositions, RejectsNestingBeyondTheLimit)
{
    EXPECT_NO_THROW(JsonPositions::scan("[[[1]]]", 3));
    EXPECT_THROW(JsonPositions::scan("[[[[1]]]]", 3), std::length_error);
}

}  // namespace
}  // namespace hiltest::suite
