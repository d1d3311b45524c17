#pragma once
// The part of a TAP YAML diagnostic block that a test result uses: "message", "file", "line"
// and "duration_ms" at any depth (node-tap nests file and line under "at:"), plain, quoted or
// block ('|', '>') scalars. Not a YAML parser: other keys and structures are skipped.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "runner/ontarget/test_run.hpp"

namespace hiltest::ontarget {

class TapYamlBlock {
public:
    // indent: the column of the block's "---"; lines less indented end the block.
    explicit TapYamlBlock(std::size_t indent) : indent_(indent) {}

    // One line inside the block ("..." excluded). False when the line cannot belong to it
    // (less indented than the "---"), which ends the block.
    bool take(std::string_view line);
    // The fields found, written into the case (fields the block lacks stay as they are).
    void fill(CaseResult& result) const;
    std::size_t indent() const { return indent_; }

private:
    void store(std::string_view key, std::string value);
    void close_block_scalar();

    std::size_t indent_;
    std::optional<std::string> message_;
    std::optional<std::string> file_;
    std::optional<std::uint32_t> line_;
    std::optional<double> duration_ms_;
    // A block scalar ("message: |") collecting its more-indented lines.
    std::string block_key_;
    std::size_t block_key_indent_ = 0;
    std::string block_text_;
    bool in_block_ = false;
};

}  // namespace hiltest::ontarget
