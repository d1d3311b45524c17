#include "runner/suite/json_reader.hpp"

#include <cmath>
#include <limits>

#include "probe/base/error.hpp"
#include "runner/suite/located_error.hpp"
#include "runner/suite/suggest.hpp"

namespace hiltest::suite {

namespace {

constexpr std::size_t kMaxShownCharacters = 40;

std::string display_path(const std::string& path)
{
    return path.empty() ? "(top level)" : path;
}

std::optional<std::uint64_t> parse_integer_text(std::string_view text)
{
    unsigned base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B')) {
        base = 2;
        text.remove_prefix(2);
    }
    if (text.empty() || text.front() == '_' || text.back() == '_') {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (char c : text) {
        if (c == '_') {
            continue;  // digit separator: "0x2000_0000"
        }
        unsigned digit = 0;
        if (c >= '0' && c <= '9') {
            digit = static_cast<unsigned>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = static_cast<unsigned>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = static_cast<unsigned>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
        if (digit >= base) {
            return std::nullopt;
        }
        if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / base) {
            return std::nullopt;
        }
        value = value * base + digit;
    }
    return value;
}

}  // namespace

std::string describe_value(const nlohmann::json& value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::object: return value.empty() ? "an empty object" : "an object";
    case nlohmann::json::value_t::array: return value.empty() ? "an empty array" : "an array";
    case nlohmann::json::value_t::null: return "null";
    default: break;
    }
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() > kMaxShownCharacters) {
        // Cut on a character boundary so the message stays valid UTF-8.
        std::size_t cut = kMaxShownCharacters;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        text = text.substr(0, cut) + "…";
    }
    return text;
}

void throw_suite_error(const DocumentContext& context, TextPosition position, const std::string& path,
                       std::string_view message, std::string remedy)
{
    std::string text = context.file + ":" + std::to_string(position.line) + ":" +
                       std::to_string(position.column) + ": " + display_path(path) + ": " +
                       std::string(message);
    if (remedy.empty()) {
        remedy = "fix the suite file; docs/suite-format.md describes every key";
    }
    throw LocatedError(ErrorKind::SuiteInvalid, SourceLocation{context.file, position.line, position.column, path},
                       std::move(text), std::move(remedy));
}

SourceLocation Node::location() const
{
    const TextPosition position = context_->positions.value(path_);
    return SourceLocation{context_->file, position.line, position.column, path_};
}

void Node::fail(std::string_view message) const
{
    throw_suite_error(*context_, context_->positions.value(path_), path_, message);
}

void Node::fail_expected(std::string_view expected) const
{
    fail("expected " + std::string(expected) + ", got " + describe_value(json()));
}

std::string Node::as_string() const
{
    if (!json().is_string()) {
        fail_expected("a string");
    }
    return json().get<std::string>();
}

std::string Node::as_nonempty_string() const
{
    if (!json().is_string() || json().get_ref<const std::string&>().empty()) {
        fail_expected("a non-empty string");
    }
    return json().get<std::string>();
}

bool Node::as_bool() const
{
    if (!json().is_boolean()) {
        fail_expected("true or false");
    }
    return json().get<bool>();
}

std::uint64_t Node::as_u64() const
{
    constexpr std::string_view kExpected = "an unsigned integer (a number, or a string like \"0x20000000\")";
    if (json().is_number_unsigned()) {
        return json().get<std::uint64_t>();
    }
    if (json().is_number_float()) {
        const double value = json().get<double>();
        if (value >= 0 && value < 1.8e19 && std::floor(value) == value) {
            return static_cast<std::uint64_t>(value);
        }
    }
    if (json().is_string()) {
        if (const auto parsed = parse_integer_text(json().get_ref<const std::string&>())) {
            return *parsed;
        }
    }
    fail_expected(kExpected);
}

std::uint32_t Node::as_u32() const
{
    const std::uint64_t value = as_u64();
    if (value > 0xFFFFFFFFu) {
        fail_expected("a 32-bit value (0 to 0xFFFFFFFF)");
    }
    return static_cast<std::uint32_t>(value);
}

unsigned Node::as_unsigned(unsigned min, unsigned max) const
{
    const std::string expected = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    if (!json().is_number_unsigned()) {
        fail_expected(expected);
    }
    const auto value = json().get<std::uint64_t>();
    if (value < min || value > max) {
        fail_expected(expected);
    }
    return static_cast<unsigned>(value);
}

double Node::as_positive_number() const
{
    if (!json().is_number() || !(json().get<double>() > 0) || !std::isfinite(json().get<double>())) {
        fail_expected("a number > 0");
    }
    return json().get<double>();
}

double Node::as_number_in(double min, double max) const
{
    if (!json().is_number() || json().get<double>() < min || json().get<double>() > max) {
        nlohmann::json bounds = {min, max};
        fail_expected("a number from " + bounds[0].dump() + " to " + bounds[1].dump());
    }
    return json().get<double>();
}

Milliseconds Node::as_milliseconds(std::int64_t min) const
{
    constexpr std::int64_t kMax = 24LL * 3600 * 1000;  // a day: anything longer is a typo
    const std::string expected = "a whole number of milliseconds from " + std::to_string(min) + " to " +
                                 std::to_string(kMax);
    if (!json().is_number_unsigned()) {
        fail_expected(expected);
    }
    const auto value = json().get<std::uint64_t>();
    if (value < static_cast<std::uint64_t>(min) || value > static_cast<std::uint64_t>(kMax)) {
        fail_expected(expected);
    }
    return Milliseconds(static_cast<std::int64_t>(value));
}

std::string Node::as_choice(const std::vector<std::string_view>& choices) const
{
    std::vector<std::string> quoted;
    for (std::string_view choice : choices) {
        quoted.push_back("\"" + std::string(choice) + "\"");
    }
    const std::vector<std::string_view> quoted_views(quoted.begin(), quoted.end());
    std::string hint;
    if (json().is_string()) {
        const auto& text = json().get_ref<const std::string&>();
        for (std::string_view choice : choices) {
            if (text == choice) {
                return text;
            }
        }
        const std::string suggestion = closest_match(text, choices);
        if (!suggestion.empty()) {
            hint = " (did you mean \"" + suggestion + "\"?)";
        }
    }
    fail("expected " + join_alternatives(quoted_views) + ", got " + describe_value(json()) + hint);
}

std::vector<Node> Node::as_array() const
{
    if (!json().is_array()) {
        fail_expected("an array");
    }
    std::vector<Node> elements;
    elements.reserve(json().size());
    for (std::size_t i = 0; i < json().size(); ++i) {
        elements.emplace_back(*context_, json()[i], element_path(path_, i));
    }
    return elements;
}

std::vector<Node> Node::as_nonempty_array() const
{
    if (!json().is_array() || json().empty()) {
        fail_expected("a non-empty array");
    }
    return as_array();
}

ObjectNode::ObjectNode(const Node& node, std::vector<std::string_view> allowed, std::string_view what_for)
    : node_(node)
{
    if (!node.json().is_object()) {
        node.fail_expected("an object");
    }
    for (const auto& [key, value] : node.json().items()) {
        bool known = false;
        for (std::string_view name : allowed) {
            known = known || key == name;
        }
        if (known) {
            continue;
        }
        const std::string path = member_path(node.path(), key);
        std::string message = "unknown key \"" + key + "\" in " + std::string(what_for);
        const std::string suggestion = closest_match(key, allowed);
        if (!suggestion.empty()) {
            message += " (did you mean \"" + suggestion + "\"?)";
        }
        std::vector<std::string_view> shown;
        for (std::string_view name : allowed) {
            if (name != "$schema") {
                shown.push_back(name);
            }
        }
        message += "; allowed keys: " + join_alternatives(shown);
        throw_suite_error(node.context(), node.context().positions.key(path), path, message);
    }
}

bool ObjectNode::has(std::string_view key) const
{
    return node_.json().contains(key);
}

std::optional<Node> ObjectNode::get(std::string_view key) const
{
    const auto found = node_.json().find(key);
    if (found == node_.json().end()) {
        return std::nullopt;
    }
    return Node(node_.context(), *found, member_path(node_.path(), key));
}

Node ObjectNode::require(std::string_view key) const
{
    if (auto found = get(key)) {
        return *found;
    }
    node_.fail("missing required key \"" + std::string(key) + "\"");
}

std::string_view ObjectNode::require_one_of(const std::vector<std::string_view>& keys) const
{
    const std::string_view present = at_most_one_of(keys);
    if (present.empty()) {
        std::vector<std::string> quoted;
        for (std::string_view key : keys) {
            quoted.push_back("\"" + std::string(key) + "\"");
        }
        node_.fail("needs one of the keys " + join_alternatives({quoted.begin(), quoted.end()}));
    }
    return present;
}

std::string_view ObjectNode::at_most_one_of(const std::vector<std::string_view>& keys) const
{
    std::string_view present;
    for (std::string_view key : keys) {
        if (!has(key)) {
            continue;
        }
        if (!present.empty()) {
            const std::string path = member_path(node_.path(), key);
            throw_suite_error(node_.context(), node_.context().positions.key(path), path,
                              "\"" + std::string(key) + "\" cannot be combined with \"" +
                                  std::string(present) + "\"; give only one of them");
        }
        present = key;
    }
    return present;
}

}  // namespace hiltest::suite
