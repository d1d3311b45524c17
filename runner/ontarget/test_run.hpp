#pragma once
// What an on-target test framework's output says about its run: one result per test case, the
// case that started and has not ended, the summary the framework printed, and whether its
// end-of-run line was seen. Plain values, so a caller can copy a snapshot at any time.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hiltest::ontarget {

enum class Outcome {
    Passed,
    Failed,
    Skipped,  // Unity IGNORE, CppUTest IGNORE_TEST, GoogleTest SKIPPED, TAP # SKIP and not-ok # TODO
};

const char* to_string(Outcome outcome);

struct CaseResult {
    std::string suite;  // Unity and TAP have none: empty
    std::string name;
    Outcome outcome = Outcome::Passed;
    std::string message;  // the failure or skip reason as printed (several lines joined by '\n')
    std::string file;     // where the format gives it, else empty
    std::optional<std::uint32_t> line;
    std::optional<double> duration_ms;

    bool operator==(const CaseResult&) const = default;
};

// A case whose start line was printed and whose result line was not (yet): when the output
// stops there, the firmware faulted or hung inside it.
struct StartedCase {
    std::string suite;
    std::string name;
    // A failure it had already printed (CppUTest, GoogleTest), filled when the output ends:
    // a test that failed and then hung still shows why it failed.
    bool failed = false;
    std::string message;
    std::string file;
    std::optional<std::uint32_t> line;

    bool operator==(const StartedCase&) const = default;
};

// The framework's own end-of-run counts, as printed (never recomputed from the cases: a
// mismatch between the two is itself worth showing).
struct PrintedSummary {
    std::optional<std::uint64_t> tests;
    std::optional<std::uint64_t> passed;
    std::optional<std::uint64_t> failures;
    std::optional<std::uint64_t> ignored;  // ignored or skipped, as the framework calls them
    std::optional<double> duration_ms;
    std::vector<std::string> lines;  // the summary lines verbatim (without line endings)

    bool operator==(const PrintedSummary&) const = default;
};

struct TestRun {
    std::vector<CaseResult> cases;
    std::optional<StartedCase> running;
    bool finished = false;  // the framework's end-of-run line was seen
    PrintedSummary summary;
    // Cases the framework announced and never reported (TAP: the plan's numbers that no test
    // line gave, filled once the run ends or the output does).
    std::vector<std::string> missing;
    // What the parser noticed that a reader should see: a bail out, a plan that disagrees with
    // the tests, a case that never printed its result before the next one started.
    std::vector<std::string> notes;

    // Results beyond OutputParser::kMaxCases (a firmware flooding its channel with result lines)
    // are counted by outcome, not kept: a failure among them still fails the run.
    struct NotKept {
        std::uint64_t passed = 0, failed = 0, skipped = 0;
        std::uint64_t total() const { return passed + failed + skipped; }
        bool operator==(const NotKept&) const = default;
    } not_kept;

    // Cut off: the end-of-run line never came, or a case is still open.
    bool incomplete() const { return !finished || running.has_value(); }
    bool operator==(const TestRun&) const = default;
};

}  // namespace hiltest::ontarget
