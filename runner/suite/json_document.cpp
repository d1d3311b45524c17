#include "runner/suite/json_document.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include "probe/base/error.hpp"
#include "runner/suite/located_error.hpp"

namespace hiltest::suite {
namespace {

constexpr std::size_t kMaxNesting = 64;
constexpr std::size_t kMaxDocumentBytes = 16 * 1024 * 1024;

[[noreturn]] void throw_invalid_json(const std::string& file, const nlohmann::json::parse_error& error)
{
    // nlohmann's text: "[json.exception.parse_error.101] parse error at line 3, column 5: <what>"
    const std::string what = error.what();
    SourceLocation where{file, 1, 1, ""};
    std::string description = what;
    const std::size_t line_at = what.find("line ");
    const std::size_t column_at = what.find(", column ", line_at);
    const std::size_t text_at = what.find(": ", column_at);
    if (line_at != std::string::npos && column_at != std::string::npos && text_at != std::string::npos) {
        const auto number = [&](std::size_t from, std::size_t to, std::size_t fallback) {
            std::size_t value = 0;
            const auto [end, error_code] = std::from_chars(what.data() + from, what.data() + to, value);
            return error_code == std::errc() && end == what.data() + to ? value : fallback;
        };
        where.line = number(line_at + 5, column_at, 1);
        where.column = number(column_at + 9, text_at, 1);
        description = what.substr(text_at + 2);
    }
    throw LocatedError(ErrorKind::SuiteInvalid, where, where.to_string() + ": invalid JSON: " + description,
                       "fix the JSON syntax (a missing comma or quote is the usual cause)");
}

// stm32 + family letter + three digits + 1..4 letters/digits: "stm32f103c8", "stm32f103cbt6".
bool is_chip_name(std::string_view name)
{
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    const auto letter = [](char c) { return c >= 'a' && c <= 'z'; };
    if (name.size() < 10 || name.size() > 13 || !name.starts_with("stm32") || !letter(name[5])) {
        return false;
    }
    if (!digit(name[6]) || !digit(name[7]) || !digit(name[8])) {
        return false;
    }
    for (char c : name.substr(9)) {
        if (!digit(c) && !letter(c)) {
            return false;
        }
    }
    return true;
}

// nlohmann reports a number too large for a double (1e400) without a position; find the
// number it quotes in the text.
[[noreturn]] void throw_number_out_of_range(const std::string& file, std::string_view text,
                                            const nlohmann::json::out_of_range& error)
{
    const std::string what = error.what();
    std::size_t line = 1;
    std::size_t column = 1;
    const std::size_t quote = what.find('\'');
    const std::size_t end = what.rfind('\'');
    if (quote != std::string::npos && end > quote + 1) {
        const std::size_t at = text.find(std::string_view(what).substr(quote + 1, end - quote - 1));
        for (std::size_t i = 0; at != std::string_view::npos && i < at; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
                ++column;
            }
        }
    }
    const SourceLocation where{file, line, column, ""};
    throw LocatedError(ErrorKind::SuiteInvalid, where, where.to_string() + ": invalid JSON: a number too large to represent",
                       "write addresses and values as hex strings like \"0x20000000\"");
}

}  // namespace

JsonDocument parse_json_document(std::string_view text, const std::string& file, std::string_view what)
{
    if (text.size() > kMaxDocumentBytes) {
        throw Error(ErrorKind::SuiteInvalid, file + ": the " + std::string(what) + " is larger than 16 MiB",
                    "firmware belongs in a separate image file, not in the " + std::string(what));
    }
    JsonDocument document;
    try {
        document.json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        throw_invalid_json(file, error);
    } catch (const nlohmann::json::out_of_range& error) {
        throw_number_out_of_range(file, text, error);
    }
    try {
        document.positions = JsonPositions::scan(text, kMaxNesting);
    } catch (const std::length_error&) {
        throw LocatedError(ErrorKind::SuiteInvalid, SourceLocation{file, 1, 1, ""},
                           file + ":1:1: the document nests deeper than " + std::to_string(kMaxNesting) +
                               " levels; a " + std::string(what) + " needs at most 5",
                           "check the file is a hiltest " + std::string(what));
    }
    if (!document.positions.duplicate_keys().empty()) {
        const DocumentContext context{file, document.positions};
        const DuplicateKey& duplicate = document.positions.duplicate_keys().front();
        throw_suite_error(context, duplicate.position, duplicate.path,
                          "duplicate key; the earlier value would be silently ignored",
                          "keep only one of the two entries");
    }
    return document;
}

std::string read_document_file(const std::filesystem::path& path, std::string_view what)
{
    std::ifstream input(path, std::ios::binary);
    if (!input) {
        throw Error(ErrorKind::SuiteInvalid, "cannot open " + std::string(what) + " " + path.string(),
                    "check the path; it is relative to the current directory");
    }
    std::ostringstream text;
    text << input.rdbuf();
    if (input.bad()) {
        throw Error(ErrorKind::SuiteInvalid, "cannot read " + std::string(what) + " " + path.string());
    }
    return text.str();
}

std::string parse_chip_name(const Node& node)
{
    std::string target = node.as_nonempty_string();
    for (char& c : target) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (!is_chip_name(target)) {
        node.fail_expected("a chip name like \"stm32f103c8\"");
    }
    return target;
}

probe::ProbeSelector parse_probe_selector(const Node& node)
{
    const std::string text = node.as_nonempty_string();
    std::string problem;
    if (std::optional<probe::ProbeSelector> selector = probe::ProbeSelector::parse(text, problem)) return *selector;
    throw_suite_error(node.context(), node.context().positions.value(node.path()), node.path(),
                      "expected \"sim\", \"stlink\", \"stlink:SERIAL\" or \"usb:BUS-PORT\" (e.g. \"usb:1-4.2\"), got " +
                          describe_value(node.json()) + " (" + problem + ")",
                      "`hiltest probe list` shows the serial and USB location of each ST-Link attached");
}

std::string substitute_variables(const Node& node, const std::string& text,
                                 const std::map<std::string, std::string>& variables)
{
    std::string result;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '$') {
            result += text[i];
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '$') {
            result += '$';
            ++i;
            continue;
        }
        const std::size_t close = text.find('}', i);
        if (i + 1 >= text.size() || text[i + 1] != '{' || close == std::string::npos) {
            node.fail("a \"$\" must start a variable like ${firmware_dir} (write \"$$\" for a literal \"$\")");
        }
        const std::string name = text.substr(i + 2, close - i - 2);
        const auto found = variables.find(name);
        if (found == variables.end()) {
            std::string known;
            for (const auto& [variable, value] : variables) {
                known += (known.empty() ? "" : ", ") + ("${" + variable + "}");
            }
            node.fail("unknown variable ${" + name + "}" +
                      (known.empty() ? "; no variables are defined for this run" : "; known: " + known));
        }
        result += found->second;
        i = close;
    }
    return result;
}

}  // namespace hiltest::suite
