#pragma once
// GoogleTest's console output (plain, --gtest_color=no):
//   [ RUN      ] Suite.Name
//   file:line: Failure            (then the message lines; "Skipped" for GTEST_SKIP)
//   [       OK ] Suite.Name (N ms) | [  FAILED  ] Suite.Name (N ms) | [  SKIPPED ] Suite.Name (N ms)
//   [==========] N tests from M test suites ran. (T ms total)
//   [  PASSED  ] N tests.
// then the SKIPPED and FAILED listings, which repeat names already reported. The run is
// finished at the PASSED line; the listing's counts still fill the summary.
#include <optional>

#include "runner/ontarget/output_parser.hpp"

namespace hiltest::ontarget {

class GoogleTestParser final : public OutputParser {
protected:
    void on_line(std::string_view line) override;
    void on_end_of_output() override;

private:
    void start(std::string_view full_name);
    void finish(std::string_view rest, Outcome outcome);
    void take_end_lines(std::string_view tag, std::string_view rest, std::string_view line);
    bool take_detail_start(std::string_view line);

    std::optional<CaseResult> open_;
    bool in_detail_ = false;
    bool open_failed_ = false;  // the open case printed a failure (a skip is not one)  // message lines of a failure or skip are arriving
    bool ran_line_seen_ = false;
};

}  // namespace hiltest::ontarget
