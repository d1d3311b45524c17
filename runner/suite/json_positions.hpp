#pragma once
// Where each value and key of a JSON document starts, by path ("tests[0].steps[2].pin").
// nlohmann/json 3.11 does not report positions of values, so after it accepted a document we
// scan the (now known valid) text once more and record them. The scan also finds duplicate keys,
// which nlohmann silently resolves to the last one.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hiltest::suite {

struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;  // 1-based, counted in characters (UTF-8 code points)
};

struct DuplicateKey {
    std::string path;  // path of the second occurrence
    TextPosition position;
};

class JsonPositions {
public:
    // Scans a document nlohmann/json has already accepted. Throws std::length_error when the
    // document nests deeper than max_depth.
    static JsonPositions scan(std::string_view valid_json, std::size_t max_depth);

    // Start of the value at path; the document start when path is unknown.
    TextPosition value(const std::string& path) const;
    // Start of the key naming the member at path; falls back to the value.
    TextPosition key(const std::string& path) const;
    const std::vector<DuplicateKey>& duplicate_keys() const { return duplicates_; }

private:
    friend class JsonPositionScanner;
    std::unordered_map<std::string, TextPosition> values_;
    std::unordered_map<std::string, TextPosition> keys_;
    std::vector<DuplicateKey> duplicates_;
};

// Paths as users read them: "tests[0].steps[2].frequency_hz"; keys that are not plain
// identifiers are quoted: tests[0]["odd key"]. The root is the empty string.
std::string member_path(const std::string& parent, std::string_view key);
std::string element_path(const std::string& parent, std::size_t index);

}  // namespace hiltest::suite
