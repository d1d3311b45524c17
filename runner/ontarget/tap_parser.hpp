#pragma once
// The Test Anything Protocol, versions 12, 13 and 14:
//   TAP version 13                 (optional)
//   1..N [# reason]                the plan, before the first test or after the last
//   ok N - description [# SKIP reason | # TODO reason]
//   not ok N - description
//     ---                          a YAML diagnostic block after a test line (13, 14): its
//     message: ...                 message, file and line (top level or under "at:") and
//     ...                          duration_ms fill the test's fields
//   Bail out! [reason]
// Numbers are optional (the next one is implied); "not ok # TODO" is not a failure (Skipped,
// "TODO ..." message) and "ok # TODO" a pass. Indented test lines (TAP 14 subtests) and
// "#" comments are ignored: the parent's own test line carries the subtest's result.
// Finished: at a trailing plan, at a Bail out!, or when a leading plan's last test reported
// (its YAML block, if any follows, is still attached). Missing tests against the plan are
// listed once the run is finished or the output ends.
#include <cstdint>
#include <optional>
#include <set>

#include "runner/ontarget/output_parser.hpp"
#include "runner/ontarget/tap_yaml.hpp"

namespace hiltest::ontarget {

class TapParser final : public OutputParser {
protected:
    void on_line(std::string_view line) override;
    void on_end_of_output() override;

private:
    bool take_plan(std::string_view line);
    bool take_test_line(std::string_view line);
    void close_yaml();
    void check_against_plan();

    std::optional<std::uint64_t> plan_;
    bool plan_after_tests_ = false;
    std::uint64_t last_number_ = 0;
    std::set<std::uint64_t> numbers_seen_;
    std::optional<TapYamlBlock> yaml_;  // the diagnostic block being read, for the last case
    bool checked_ = false;
    bool yaml_allowed_ = false;  // the line before was a test line: a "---" opens its block
    bool stopped_ = false;       // a trailing plan or a Bail out!: later lines are not this run's
};

}  // namespace hiltest::ontarget
