// Suite errors keep their place in the file apart from the message, for reports that point at
// it (a GitHub annotation on the line); the message still starts with the same file:line:column.
#include <gtest/gtest.h>

#include <optional>

#include "runner/suite/located_error.hpp"
#include "runner/suite/parser.hpp"

namespace hiltest::suite {
namespace {

struct Caught {
    std::string message;
    std::optional<SourceLocation> where;
};

Caught parse_error(std::string_view text)
{
    try {
        parse_suite(text, "dir/blink.json");
    } catch (const Error& error) {
        const SourceLocation* where = location_of(error);
        return {error.what(), where ? std::optional<SourceLocation>(*where) : std::nullopt};
    }
    ADD_FAILURE() << "expected a suite error for:\n" << text;
    return {};
}

void expect_at(const Caught& caught, std::size_t line, std::size_t column)
{
    ASSERT_TRUE(caught.where.has_value()) << caught.message;
    EXPECT_EQ(caught.where->file, "dir/blink.json");
    EXPECT_EQ(caught.where->line, line) << caught.message;
    EXPECT_EQ(caught.where->column, column) << caught.message;
    EXPECT_TRUE(caught.message.starts_with(caught.where->to_string() + ": ")) << caught.message;
}

TEST(SuiteLocatedErrors, AProbeSelectorsProblemIsReportedAtItsValue)
{
    // The selector's own parser says what is wrong; the suite parser says where.
    const Caught caught = parse_error("{\"name\": \"s\",\n  \"probe\": \"usb:1-4.300\", \"tests\": []}");
    expect_at(caught, 2, 12);
    EXPECT_NE(caught.message.find("probe: expected"), std::string::npos) << caught.message;
    EXPECT_NE(caught.message.find("got \"usb:1-4.300\" (port '300' is not a number 0-255)"), std::string::npos)
        << caught.message;
}

TEST(SuiteLocatedErrors, AnUnknownKeyKnowsWhereItIs)
{
    const Caught caught = parse_error("{\"name\": \"s\", \"probe\": \"sim\",\n"
                                      "  \"tests\": [{\"name\": \"t\", \"stpes\": []}]}");
    expect_at(caught, 2, 27);
    EXPECT_EQ(caught.where->json_path, "tests[0].stpes");
}

TEST(SuiteLocatedErrors, AWrongValueKnowsWhereItIs)
{
    expect_at(parse_error("{\"name\": 5}"), 1, 10);
}

TEST(SuiteLocatedErrors, InvalidJsonKnowsWhereItIs)
{
    expect_at(parse_error("{\n  \"name\": \"x\",\n  \"probe\" \"sim\"\n}"), 3, 15);
    expect_at(parse_error("{\"name\": \"s\",\n \"x\": 1e400}"), 2, 7);
}

TEST(SuiteLocatedErrors, AMissingFirmwareKnowsWhereTheSuiteNamesIt)
{
    const Suite suite = parse_suite("{\"name\": \"s\", \"probe\": \"sim\",\n  \"firmware\": \"no-such.elf\",\n"
                                    "  \"tests\": [{\"name\": \"t\", \"steps\": [{\"do\": \"flash\"}]}]}",
                                    "dir/blink.json");
    try {
        require_firmware_present(suite);
        FAIL() << "no-such.elf exists";
    } catch (const Error& error) {
        const SourceLocation* where = location_of(error);
        ASSERT_NE(where, nullptr) << error.what();
        EXPECT_EQ(where->line, 2u);
    }
}

}  // namespace
}  // namespace hiltest::suite
