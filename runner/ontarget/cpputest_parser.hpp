#pragma once
// CppUTest's console output, default and -v:
//   default: progress characters ('.' a test ran, '!' an ignored test) and, for each failure,
//     file:line: error: Failure in TEST(Group, Name)
//     <tab>message lines
//   -v: "TEST(Group, Name)" or "IGNORE_TEST(Group, Name)" when a test starts, " - N ms" when it
//     ends (on the same line unless something was printed in between, e.g. a failure block)
//   end: OK (N tests, M ran, K checks, I ignored, F filtered out, T ms)
//        Errors (F failures, N tests, M ran, K checks, I ignored, F filtered out, T ms)
// Without -v CppUTest names only the failures: passing and ignored tests are counted in the
// summary but get no case (a note says so).
#include <optional>

#include "runner/ontarget/output_parser.hpp"

namespace hiltest::ontarget {

class CppUTestParser final : public OutputParser {
protected:
    void on_line(std::string_view line) override;
    void on_end_of_output() override;

private:
    bool take_summary(std::string_view line);
    bool take_failure_start(std::string_view line);
    bool take_verbose(std::string_view line);
    void end_running(std::optional<double> duration_ms);
    void close_failure_message();

    std::optional<CaseResult> open_;        // -v: the case between its name and " - N ms"
    std::optional<CaseResult> failure_;     // the failure block whose message lines are arriving
    bool saw_progress_ = false;
};

}  // namespace hiltest::ontarget
