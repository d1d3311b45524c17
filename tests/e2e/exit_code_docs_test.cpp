// The exit codes and error kinds are written down outside the code too: the "Error kinds" and
// "Exit codes" tables of docs/report-format.md, README.md's exit-code line and the footer of
// `hiltest --help`. A CI job acts on them, so this test fails as soon as any of them and the code
// (ErrorKind and its to_string, exit_code_for, the ExitCode enum) disagree, and when a doc
// spells a kind any other way than to_string does (`TargetNotResponding`, `Timeout`).
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "probe/base/error.hpp"
#include "probe/base/external_command.hpp"
#include "runner/cli/exit_code.hpp"

namespace hiltest {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = HILTEST_SOURCE_DIR;

std::string read_text(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in.good()) << path << " is missing";
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Every ErrorKind, in declaration order: to_string names each and says "unknown" past the last.
std::vector<ErrorKind> all_kinds()
{
    std::vector<ErrorKind> kinds;
    for (int k = 0; to_string(static_cast<ErrorKind>(k)) != "unknown"; ++k) kinds.push_back(static_cast<ErrorKind>(k));
    return kinds;
}

std::set<std::string> kind_names()
{
    std::set<std::string> names;
    for (ErrorKind kind : all_kinds()) names.insert(std::string(to_string(kind)));
    return names;
}

// The text under a "## heading", up to the next "## " heading.
std::string section(const std::string& text, const std::string& heading)
{
    const std::size_t start = text.find("\n## " + heading + "\n");
    EXPECT_NE(start, std::string::npos) << "no section \"" << heading << "\"";
    if (start == std::string::npos) return {};
    const std::size_t end = text.find("\n## ", start + 1);
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The body rows of the Markdown tables in `text`, cells trimmed.
std::vector<std::vector<std::string>> table_rows(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.starts_with("|") || line.starts_with("|---")) continue;
        std::vector<std::string> cells;
        std::size_t at = 1;
        for (std::size_t bar = line.find('|', at); bar != std::string::npos; bar = line.find('|', at)) {
            std::string cell = line.substr(at, bar - at);
            cell.erase(0, cell.find_first_not_of(' '));
            cell.erase(cell.find_last_not_of(' ') + 1);
            cells.push_back(cell);
            at = bar + 1;
        }
        rows.push_back(std::move(cells));
    }
    if (!rows.empty()) rows.erase(rows.begin());  // the header
    return rows;
}

// The numbers of the "Exit codes: …" sentence in `text` (README.md, the --help footer).
std::set<int> exit_codes_listed(const std::string& text, const std::string& where)
{
    const std::size_t start = text.find("Exit codes:");
    EXPECT_NE(start, std::string::npos) << where << " has no \"Exit codes:\"";
    if (start == std::string::npos) return {};
    const std::size_t end = text.find('.', start);
    const std::string sentence = text.substr(start, end - start);
    std::set<int> codes;
    const std::regex number(R"(\b\d+\b)");
    for (auto it = std::sregex_iterator(sentence.begin(), sentence.end(), number); it != std::sregex_iterator(); ++it)
        codes.insert(std::stoi(it->str()));
    return codes;
}

// The values of the ExitCode enum, read from its declaration, so a code added there without
// docs fails here too.
std::set<int> exit_code_enum()
{
    const std::string header = read_text(kSource / "runner/cli/exit_code.hpp");
    const std::size_t start = header.find("enum ExitCode");
    const std::size_t end = header.find("};", start);
    EXPECT_NE(start, std::string::npos) << "runner/cli/exit_code.hpp declares no enum ExitCode";
    const std::string body = header.substr(start, end - start);
    std::set<int> codes;
    const std::regex value(R"(kExit\w+\s*=\s*(\d+))");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), value); it != std::sregex_iterator(); ++it)
        codes.insert(std::stoi((*it)[1].str()));
    return codes;
}

// "TargetNotResponding", "target_not_responding", "Target-Not-Responding" → "target-not-responding".
std::string kebab(const std::string& word)
{
    std::string out;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        if (std::isupper(static_cast<unsigned char>(c))) {
            if (i > 0 && std::islower(static_cast<unsigned char>(word[i - 1]))) out += '-';
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            out += c == '_' ? '-' : c;
        }
    }
    return out;
}

std::vector<fs::path> user_docs()
{
    std::vector<fs::path> docs = {kSource / "README.md"};
    for (const auto& entry : fs::directory_iterator(kSource / "docs"))
        if (entry.path().extension() == ".md") docs.push_back(entry.path());
    return docs;
}

TEST(ErrorKindDocs, EveryKindIsInTheTableWithItsExitCode)
{
    const std::string doc = read_text(kSource / "docs/report-format.md");
    std::map<std::string, std::string> documented;  // kind → exit code cell
    for (const auto& row : table_rows(section(doc, "Error kinds"))) {
        ASSERT_EQ(row.size(), 3u) << "an Error kinds row needs kind | meaning | exit code: " << row.front();
        std::string kind = row[0];
        ASSERT_TRUE(kind.size() > 2 && kind.front() == '`' && kind.back() == '`') << "kind not in backticks: " << kind;
        kind = kind.substr(1, kind.size() - 2);
        EXPECT_TRUE(documented.emplace(kind, row[2]).second) << kind << " is listed twice";
        EXPECT_FALSE(row[1].empty()) << kind << " has no meaning";
    }
    for (ErrorKind kind : all_kinds()) {
        const std::string name(to_string(kind));
        const auto found = documented.find(name);
        if (found == documented.end()) {
            ADD_FAILURE() << "docs/report-format.md, Error kinds: `" << name << "` is missing";
            continue;
        }
        EXPECT_EQ(found->second, std::to_string(cli::exit_code_for(kind))) << "exit code of `" << name << "`";
    }
}

TEST(ErrorKindDocs, EveryKindInTheTableExists)
{
    const std::string doc = read_text(kSource / "docs/report-format.md");
    std::size_t rows = 0;
    for (const auto& row : table_rows(section(doc, "Error kinds"))) {
        const std::string kind = row[0].substr(1, row[0].size() - 2);
        EXPECT_TRUE(error_kind_from_string(kind).has_value()) << "`" << kind << "` is documented but no ErrorKind";
        ++rows;
    }
    EXPECT_EQ(rows, all_kinds().size());
}

TEST(ErrorKindDocs, KindNamesAreKebabCaseRoundTripAndMatchTheSchema)
{
    const nlohmann::json schema = nlohmann::json::parse(read_text(kSource / "docs/report.schema.json"));
    const std::regex pattern(schema.at("$defs").at("error_kind").at("pattern").get<std::string>());
    const std::regex kebab_case("^[a-z]+(-[a-z]+)*$");
    for (ErrorKind kind : all_kinds()) {
        const std::string name(to_string(kind));
        EXPECT_TRUE(std::regex_match(name, kebab_case)) << name;
        EXPECT_TRUE(std::regex_match(name, pattern)) << name << " does not match the report schema's error_kind";
        EXPECT_EQ(error_kind_from_string(name), kind) << name;
    }
    EXPECT_EQ(kind_names().size(), all_kinds().size()) << "two kinds share a name";
}

TEST(ErrorKindDocs, TheDocsSpellKindsOnlyOneWay)
{
    const std::set<std::string> kinds = kind_names();
    // Code identifiers (ErrorKind::TargetFault) are C++, not what reports write.
    const std::regex code_name(R"(ErrorKind::\w+)");
    const std::regex backticked("`([^`\n]+)`");
    const std::regex word("[A-Za-z][A-Za-z0-9_-]*");
    // Outside backticks only identifier-looking words: CamelCase with two humps or more, or
    // with an underscore ("Timeout" and "Usage" start sentences).
    const std::regex identifier(R"(\b([A-Z][a-z0-9]+([A-Z][a-z0-9]*)+|[A-Za-z]+(_[A-Za-z]+)+)\b)");
    const auto check = [&](const std::string& candidate, const fs::path& doc) {
        const std::string normal = kebab(candidate);
        if (kinds.count(normal) && candidate != normal)
            ADD_FAILURE() << doc.filename().string() << " spells the error kind `" << normal << "` as `" << candidate << "`";
    };
    for (const fs::path& doc : user_docs()) {
        const std::string text = std::regex_replace(read_text(doc), code_name, "");
        for (auto it = std::sregex_iterator(text.begin(), text.end(), backticked); it != std::sregex_iterator(); ++it) {
            const std::string span = (*it)[1].str();
            for (auto w = std::sregex_iterator(span.begin(), span.end(), word); w != std::sregex_iterator(); ++w)
                check(w->str(), doc);
        }
        for (auto it = std::sregex_iterator(text.begin(), text.end(), identifier); it != std::sregex_iterator(); ++it)
            check(it->str(), doc);
    }
}

TEST(ErrorKindDocs, TheReportExamplesUseExistingKinds)
{
    const std::string doc = read_text(kSource / "docs/report-format.md");
    const std::regex block("```json\\n([\\s\\S]*?)```");
    std::size_t seen = 0;
    std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& value) {
        if (value.is_object()) {
            for (const auto& [key, child] : value.items()) {
                if (key == "error_kind") {
                    ++seen;
                    EXPECT_TRUE(child.is_string() && error_kind_from_string(child.get<std::string>())) << child;
                }
                if (key == "errors_by_kind" && child.is_object()) {
                    for (const auto& [kind, times] : child.items()) {
                        ++seen;
                        EXPECT_TRUE(error_kind_from_string(kind)) << "errors_by_kind." << kind;
                    }
                }
                walk(child);
            }
        } else if (value.is_array()) {
            for (const nlohmann::json& child : value) walk(child);
        }
    };
    for (auto it = std::sregex_iterator(doc.begin(), doc.end(), block); it != std::sregex_iterator(); ++it)
        walk(nlohmann::json::parse((*it)[1].str()));
    EXPECT_GE(seen, 3u) << "the examples show error kinds in errors_by_kind and error_kind";
}

TEST(ExitCodeDocs, ReadmeListsEveryExitCode)
{
    EXPECT_EQ(exit_codes_listed(read_text(kSource / "README.md"), "README.md"), exit_code_enum());
}

TEST(ExitCodeDocs, HelpFooterListsEveryExitCode)
{
    const CommandResult help = run_external_command(ExternalCommand({HILTEST_BINARY, "--help"}));
    ASSERT_EQ(help.exit_code, 0) << help.output;
    EXPECT_EQ(exit_codes_listed(help.output, "hiltest --help"), exit_code_enum()) << help.output;
}

TEST(ExitCodeDocs, ReportFormatTableListsEveryExitCode)
{
    std::set<int> documented;
    for (const auto& row : table_rows(section(read_text(kSource / "docs/report-format.md"), "Exit codes")))
        documented.insert(std::stoi(row.at(0)));
    EXPECT_EQ(documented, exit_code_enum());
}

TEST(ExitCodeDocs, TheEnumIsWhatTheCodeUses)
{
    EXPECT_EQ(exit_code_enum(), (std::set<int>{cli::kExitOk, cli::kExitTestFailed, cli::kExitUsage,
                                                cli::kExitInfrastructure, cli::kExitInterrupted}));
    for (ErrorKind kind : all_kinds()) EXPECT_TRUE(exit_code_enum().count(cli::exit_code_for(kind))) << to_string(kind);
}

}  // namespace
}  // namespace hiltest
