#pragma once
// ThrowTheSwitch Unity's plain output (UNITY_OUTPUT_COLOR off):
//   file:line:test_name:PASS                    (line: the test function's)
//   file:line:test_name:FAIL: Expected 1 Was 2  (line: the failed assertion's)
//   file:line:test_name:IGNORE[: reason]
// each optionally followed by " (N ms)" with UNITY_INCLUDE_EXEC_TIME, then UnityEnd's
//   -----------------------
//   N Tests M Failures K Ignored
//   OK | FAIL
// Unity prints nothing when a test starts, so a cut-off run names no running case.
#include "runner/ontarget/output_parser.hpp"

namespace hiltest::ontarget {

class UnityParser final : public OutputParser {
protected:
    void on_line(std::string_view line) override;

private:
    bool take_counts(std::string_view line);

    bool counts_seen_ = false;
};

}  // namespace hiltest::ontarget
