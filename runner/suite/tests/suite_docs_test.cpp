// The documentation and the schema are promises: every example in docs/suite-format.md must
// parse, every suite in testsuites/ must parse, and the schema must name exactly the step kinds
// and keys the parser accepts.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "arch/armv7m/fault_status.hpp"
#include "arch/armv7m/semihosting_exit.hpp"
#include "probe/base/error.hpp"
#include "runner/suite/parser.hpp"
#include "runner/suite/step_parser.hpp"
#include "runner/suite/tests/suite_test_support.hpp"

namespace hiltest::suite {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::filesystem::path kSourceDir = HILTEST_SOURCE_DIR;

std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

ParseOptions example_options()
{
    ParseOptions options;
    options.variables["firmware_dir"] = "/firmware";
    return options;
}

std::vector<std::string> json_examples()
{
    const std::string doc = read_file(kSourceDir / "docs/suite-format.md");
    constexpr std::string_view kOpen = "```json\n";
    std::vector<std::string> blocks;
    for (std::size_t at = doc.find(kOpen); at != std::string::npos; at = doc.find(kOpen, at)) {
        const std::size_t start = at + kOpen.size();
        const std::size_t end = doc.find("```", start);
        blocks.push_back(doc.substr(start, end - start));
        at = end;
    }
    return blocks;
}

nlohmann::json schema()
{
    return nlohmann::json::parse(read_file(kSourceDir / "docs/suite.schema.json"));
}

// The parser's verdict on a key: the error message, or empty when the suite parsed.
std::string parse_error(const std::string& text)
{
    try {
        parse_suite(text, "probe.json", example_options());
    } catch (const Error& error) {
        return error.what();
    }
    return {};
}

TEST(SuiteDocs, EveryExampleInTheFormatGuideParses)
{
    const auto examples = json_examples();
    ASSERT_GT(examples.size(), 15u);
    std::set<std::string> kinds_shown;
    for (const std::string& example : examples) {
        const auto document = nlohmann::json::parse(example);
        const std::string suite = document.contains("tests") ? example : testing::suite_with_step(example);
        EXPECT_NO_THROW({
            try {
                const Suite parsed = parse_suite(suite, "docs/example.json", example_options());
                for (const auto& test : parsed.tests) {
                    for (const auto& step : test.steps) {
                        kinds_shown.insert(std::string(step.kind()));
                    }
                }
            } catch (const Error& error) {
                ADD_FAILURE() << error.what() << "\nin example:\n" << example;
            }
        });
    }
    for (std::string_view kind : step_kinds()) {
        EXPECT_TRUE(kinds_shown.contains(std::string(kind))) << "docs/suite-format.md has no example of " << kind;
    }
}

TEST(SuiteDocs, EverySuiteInTestsuitesParses)
{
    const auto folder = kSourceDir / "testsuites";
    if (!std::filesystem::exists(folder)) {
        GTEST_SKIP() << "no testsuites/ folder yet";
    }
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".json") {
            continue;
        }
        EXPECT_NO_THROW({
            try {
                load_suite(entry.path(), example_options());
            } catch (const Error& error) {
                ADD_FAILURE() << error.what();
            }
        });
    }
}

TEST(SuiteDocs, SchemaNamesExactlyTheParsersStepKinds)
{
    const auto document = schema();
    const auto kinds_in_schema = document["$defs"]["step"]["properties"]["do"]["enum"].get<std::vector<std::string>>();
    std::vector<std::string> parser_kinds(step_kinds().begin(), step_kinds().end());
    EXPECT_EQ(kinds_in_schema, parser_kinds);
    for (const std::string& kind : parser_kinds) {
        EXPECT_TRUE(document["$defs"].contains("step_" + kind)) << kind;
    }
}

TEST(SuiteDocs, FaultCausesAreTheArchitecturesTable)
{
    // expect_fault's "cause" is any fault status bit a Cortex-M3 can report: the schema and the
    // format guide list exactly those of the one table of fault bits.
    const std::vector<std::string_view> causes = armv7m::cortex_m3_fault_causes();
    const auto in_schema = schema()["$defs"]["step_expect_fault"]["properties"]["cause"]["enum"].get<std::vector<std::string>>();
    EXPECT_EQ(in_schema, std::vector<std::string>(causes.begin(), causes.end()));
    const std::string doc = read_file(kSourceDir / "docs/suite-format.md");
    const std::size_t section = doc.find("### `expect_fault`");
    ASSERT_NE(section, std::string::npos);
    const std::string text = doc.substr(section, doc.find("\n## ", section) - section);
    for (std::string_view cause : causes) {
        EXPECT_NE(text.find("`" + std::string(cause) + "`"), std::string::npos) << cause;
    }
    for (std::string_view not_a_cause : {"MMARVALID", "BFARVALID", "MLSPERR", "LSPERR"}) {
        EXPECT_EQ(text.find("`" + std::string(not_a_cause) + "`"), std::string::npos) << not_a_cause;
        EXPECT_THAT(parse_error(testing::suite_with_step(R"({"do": "expect_fault", "fault": "hardfault", "cause": ")" +
                                                         std::string(not_a_cause) + R"("})")),
                    HasSubstr("expected a fault status bit name"))
            << not_a_cause;
    }
}

TEST(SuiteDocs, ExitReasonsAreTheSemihostingTable)
{
    // expect_exit's "reason" names are those of the one table of SYS_EXIT reasons, each listed in
    // the format guide without its ADP_Stopped_ prefix.
    const std::string doc = read_file(kSourceDir / "docs/suite-format.md");
    const std::size_t section = doc.find("### `expect_exit`\n");
    ASSERT_NE(section, std::string::npos);
    const std::string text = doc.substr(section, doc.find("\n## ", section) - section);
    for (const armv7m::semihosting::ExitReason& reason : armv7m::semihosting::exit_reasons()) {
        const std::string name(reason.name.substr(std::string_view("ADP_Stopped_").size()));
        EXPECT_NE(text.find("`" + name + "`"), std::string::npos) << name;
        EXPECT_EQ(parse_error(testing::suite_with_step(R"({"do": "expect_exit", "reason": ")" + name + R"("})")), "")
            << name;
    }
}

TEST(SuiteDocs, ParserAcceptsEveryStepKeyTheSchemaNames)
{
    const auto defs = schema()["$defs"];
    for (std::string_view kind : step_kinds()) {
        const auto& properties = defs["step_" + std::string(kind)]["properties"];
        ASSERT_FALSE(properties.empty()) << kind;
        for (const auto& [key, unused] : properties.items()) {
            const std::string step = R"({"do": ")" + std::string(kind) + R"(", ")" + key + R"(": null})";
            EXPECT_THAT(parse_error(testing::suite_with_step(step)), Not(HasSubstr("unknown key")))
                << kind << "." << key;
        }
        // And the parser rejects a key the schema does not name.
        const std::string bogus = R"({"do": ")" + std::string(kind) + R"(", "bogus_key": 1})";
        EXPECT_THAT(parse_error(testing::suite_with_step(bogus)), HasSubstr("unknown key \"bogus_key\"")) << kind;
    }
}

TEST(SuiteDocs, ParserAcceptsEveryObjectKeyTheSchemaNames)
{
    const auto top = schema()["properties"];
    // Each object the schema closes with additionalProperties:false, with a suite that places a
    // key inside it; "KEY" is replaced by each schema key in turn.
    const std::vector<std::pair<std::string, std::string>> objects = {
        {"", R"({"KEY": null})"},
        {"connection", R"({"name": "s", "probe": "sim", "connection": {"KEY": null}, "tests": []})"},
        {"simulated_board", R"({"name": "s", "probe": "sim", "simulated_board": {"KEY": null}, "tests": []})"},
        {"semihosting", R"({"name": "s", "probe": "sim", "semihosting": {"KEY": null}, "tests": []})"},
        {"defaults", R"({"name": "s", "probe": "sim", "defaults": {"KEY": null}, "tests": []})"},
    };
    for (const auto& [object, pattern] : objects) {
        const auto& properties = object.empty() ? top : top[object]["properties"];
        ASSERT_FALSE(properties.empty()) << object;
        for (const auto& [key, unused] : properties.items()) {
            std::string text = pattern;
            text.replace(text.find("KEY"), 3, key);
            EXPECT_THAT(parse_error(text), Not(HasSubstr("unknown key"))) << object << "." << key;
        }
    }
    // Kept: items() refers into the document, which a temporary would not outlive.
    const auto exit_properties = schema()["$defs"]["expect_exit_default"]["properties"];
    for (const auto& [key, unused] : exit_properties.items()) {
        const std::string text = R"({"name": "s", "probe": "sim", "expect_exit": {")" + key + R"(": null}, "tests": []})";
        EXPECT_THAT(parse_error(text), Not(HasSubstr("unknown key"))) << "expect_exit." << key;
    }
    const auto test_properties = schema()["$defs"]["test"]["properties"];
    for (const auto& [key, unused] : test_properties.items()) {
        const std::string text = R"({"name": "s", "probe": "sim", "tests": [{")" + key + R"(": null}]})";
        EXPECT_THAT(parse_error(text), Not(HasSubstr("unknown key"))) << "test." << key;
    }
    const auto& firmware = top["firmware"]["oneOf"][1]["properties"];
    for (const auto& [key, unused] : firmware.items()) {
        const std::string text = R"({"name": "s", "probe": "sim", "firmware": {")" + key + R"(": null}, "tests": []})";
        EXPECT_THAT(parse_error(text), Not(HasSubstr("unknown key"))) << "firmware." << key;
    }
    for (const auto& [key, unused] : firmware["build"]["properties"].items()) {
        const std::string text =
            R"({"name": "s", "probe": "sim", "firmware": {"path": "a", "build": {")" + key + R"(": null}}, "tests": []})";
        EXPECT_THAT(parse_error(text), Not(HasSubstr("unknown key"))) << "build." << key;
    }
}

}  // namespace
}  // namespace hiltest::suite
