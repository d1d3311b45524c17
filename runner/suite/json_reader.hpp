#pragma once
// Typed, position-aware access to a parsed suite document. Every accessor either returns a
// valid value or throws hiltest::Error(SuiteInvalid) whose message reads
//   file:line:column: json.path: expected <what>, got <what was there>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/suite/json_positions.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::suite {

struct DocumentContext {
    std::string file;  // as the user named it
    const JsonPositions& positions;
};

// A short rendering of a value for "got …": strings quoted and truncated, containers named.
std::string describe_value(const nlohmann::json& value);

// Builds the SuiteInvalid error for a position in the document.
[[noreturn]] void throw_suite_error(const DocumentContext& context, TextPosition position,
                                    const std::string& path, std::string_view message,
                                    std::string remedy = {});

class Node {
public:
    Node(const DocumentContext& context, const nlohmann::json& value, std::string path)
        : context_(&context), value_(&value), path_(std::move(path))
    {
    }

    const nlohmann::json& json() const { return *value_; }
    const std::string& path() const { return path_; }
    const DocumentContext& context() const { return *context_; }
    SourceLocation location() const;

    [[noreturn]] void fail(std::string_view message) const;
    // "expected <expected>, got <the value>"
    [[noreturn]] void fail_expected(std::string_view expected) const;

    std::string as_string() const;
    std::string as_nonempty_string() const;
    bool as_bool() const;
    // A number, or a string in hex ("0x2000_0000") or decimal; must fit in 32 bits.
    std::uint32_t as_u32() const;
    std::uint64_t as_u64() const;
    unsigned as_unsigned(unsigned min, unsigned max) const;
    double as_positive_number() const;
    double as_number_in(double min, double max) const;
    Milliseconds as_milliseconds(std::int64_t min) const;
    // One of the choices, compared exactly; suggests the nearest on a typo.
    std::string as_choice(const std::vector<std::string_view>& choices) const;
    std::vector<Node> as_array() const;
    std::vector<Node> as_nonempty_array() const;

private:
    const DocumentContext* context_;
    const nlohmann::json* value_;
    std::string path_;
};

// A JSON object with a closed set of keys: any other key is an error (with "did you mean").
class ObjectNode {
public:
    // what_for names the object in messages, e.g. "a suite" or "step \"expect_blink\"".
    ObjectNode(const Node& node, std::vector<std::string_view> allowed, std::string_view what_for);

    const Node& node() const { return node_; }
    bool has(std::string_view key) const;
    std::optional<Node> get(std::string_view key) const;
    Node require(std::string_view key) const;
    // Exactly one of the keys must be present; returns which.
    std::string_view require_one_of(const std::vector<std::string_view>& keys) const;
    // At most one of the keys may be present; returns which, or empty.
    std::string_view at_most_one_of(const std::vector<std::string_view>& keys) const;

private:
    Node node_;
};

}  // namespace hiltest::suite
