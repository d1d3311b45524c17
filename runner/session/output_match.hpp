#pragma once
// What expect_output asks of a channel's text, decided on the text so far: whether everything
// it looks for has appeared (contains / matches / lines in order) and whether anything it must
// not see has. Pure, so the step can ask again each time more text arrives.
#include <optional>
#include <string>
#include <string_view>

#include "runner/suite/model.hpp"
#include "runner/suite/output_pattern.hpp"

namespace hiltest::session {

class OutputMatch {
public:
    explicit OutputMatch(const suite::ExpectOutputStep& step);

    struct Verdict {
        bool found = false;          // every positive condition holds (true when there is none)
        std::size_t lines_found = 0;  // of step.lines, in order
        std::string forbidden;        // the first not_contains text that appeared, or empty
    };
    Verdict judge(std::string_view text) const;
    // Whether the step has anything positive to wait for (else it watches for its whole time).
    bool has_positive() const { return !step_.text.empty() || !step_.lines.empty(); }
    std::string expected() const;  // for the report: "output containing \"x\", not \"panic\""

private:
    const suite::ExpectOutputStep& step_;
    std::optional<suite::OutputPattern> pattern_;
};

}  // namespace hiltest::session
