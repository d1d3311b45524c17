#pragma once
// The regular expressions of expect_output "matches": RE2 syntax, matched in time linear in the
// output's length, whatever the pattern (no backtracking: a firmware that prints megabytes, or
// a pattern such as (a*)*b, cannot hang the run or overflow the stack), with the compiled
// program's size capped.
#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace hiltest::suite {

class OutputPattern {
public:
    explicit OutputPattern(const std::string& pattern);
    ~OutputPattern();
    OutputPattern(OutputPattern&&) noexcept;
    OutputPattern& operator=(OutputPattern&&) noexcept;

    // Empty when the pattern can be used, else what is wrong with it (for the suite parser).
    const std::string& error() const { return error_; }
    // Whether the pattern matches somewhere in text; false for an unusable pattern.
    bool found_in(std::string_view text) const;

private:
    std::unique_ptr<re2::RE2> compiled_;
    std::string error_;
};

}  // namespace hiltest::suite
