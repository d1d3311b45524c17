#pragma once
// The result model every report writer reads: Report → SuiteResult (one run of one suite on
// one board) → TestResult → StepResult. Plain data; the session fills it in, writers only read.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace hiltest::reports {

enum class Status { Passed, Failed, Error, Skipped, Interrupted };

std::string_view to_string(Status status);       // "passed", "failed", ...
std::optional<Status> status_from_string(std::string_view text);

using Duration = std::chrono::microseconds;

// Where a test or step was written (suite file, 1-based line/column); empty file: unknown.
struct SourceRef {
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;

    bool empty() const { return file.empty(); }
    std::string to_string() const;  // "blink.json:14:9"
};

// One case of the firmware's own test run (a run_tests step), as its framework reported it:
// nested under the hiltest test in every report.
struct OnTargetCase {
    std::string suite;  // the framework's group or suite; empty for Unity and TAP
    std::string name;
    // Passed, Failed, Skipped (ignored), or Error: the case started and never finished because
    // the firmware faulted, hung or stopped printing (the message says which and where).
    Status status = Status::Passed;
    std::string message;  // the framework's failure or skip message, as printed
    std::string file;     // where the format gives it, else empty
    std::size_t line = 0; // 0: unknown
    std::optional<double> duration_ms;

    std::string display_name() const { return suite.empty() ? name : suite + "." + name; }
};

// What one output channel of the target carried during a test: "semihosting", "uart1".."uart3",
// "rtt0".."rtt15" (RTT up-channel numbers).
struct ChannelOutput {
    // When text arrived: `offset` into `text` where a chunk begins, `at` its arrival since the
    // test started (on the run's clock: simulated time on the virtual bench).
    struct Mark {
        std::size_t offset = 0;
        Duration at{0};
        bool operator==(const Mark&) const = default;
    };
    std::string channel;
    std::string text;  // raw bytes as the target sent them, up to the capture cap
    std::vector<Mark> marks;
    std::uint64_t dropped_bytes = 0;  // beyond the capture cap: counted, not kept
};

struct StepResult {
    std::string kind;         // suite step kind: "expect_blink"
    std::string name;         // the step's "name" in the suite (the user's label), or empty
    std::string description;  // "expect_blink PC13 1 Hz ±10% over 4000 ms"
    Status status = Status::Passed;
    Duration duration{0};
    std::string message;   // one line: why it failed / errored / was skipped
    std::string expected;  // assertions: what the suite asked for, e.g. "1 Hz ±10%"
    std::string measured;  // assertions: what the target did, e.g. "0.50 Hz"
    std::string error_kind;     // for Status::Error: hiltest::ErrorKind name ("target-reset")
    nlohmann::json measurements = nlohmann::json::object();  // name → number/string/array
    SourceRef source;
    // run_tests: one entry per case of the firmware's own test run, in the order they ran.
    std::vector<OnTargetCase> cases;
};

struct TestResult {
    std::string name;
    Status status = Status::Passed;
    std::string error_kind;  // for Status::Error: the hiltest::ErrorKind name of what stopped it
    // With --repeat N (N > 1): this is repetition `repetition` (1-based) of `repetitions`; the
    // name then reads "name [3/100]". 0/0: the test ran once.
    unsigned repetition = 0;
    unsigned repetitions = 0;
    Duration duration{0};
    std::string message;  // summary: skip reason, first failure, interruption
    std::vector<StepResult> steps;
    // Every output channel that carried text during the test, in a fixed order (semihosting,
    // uart1..3, rtt0..).
    std::vector<ChannelOutput> outputs;
    SourceRef source;

    // The text `channel` carried ("" when it carried none).
    const std::string& output_of(std::string_view channel) const;
    // The semihosting text, the channel most firmware prints on.
    const std::string& output() const { return output_of("semihosting"); }
};

struct SuiteProperties {
    std::string probe;          // selector as given: "sim", "stlink", "stlink:SERIAL"
    std::string probe_serial;   // the probe actually used
    std::string target;         // detected chip, e.g. "stm32f103c8"
    std::string firmware;       // image path
    std::string firmware_sha256;
    std::string hiltest_version;
    std::optional<std::uint64_t> seed;  // simulated board only
};

struct SuiteResult {
    std::string name;
    std::string file;       // the suite file
    std::string board;      // free label for shards / boards ("bench-2"); may be empty
    std::string started_at; // ISO 8601 UTC, supplied by the caller (reports never read clocks)
    Duration duration{0};
    bool interrupted = false;
    SuiteProperties properties;
    // Statistics objects from the probe stack, stored as given (docs/report-format.md lists the
    // fields hiltest writes: attempts, retries, strategy, errors_by_kind, backoff_ms, ...).
    nlohmann::json connection = nlohmann::json::object();
    nlohmann::json flash = nlohmann::json::object();
    // Bench hook commands run for this board (before, power_cycle, after), as given.
    nlohmann::json hooks = nlohmann::json::array();
    // Where the results may not be what a real board would give: on the simulated board, each
    // register the firmware used that the model does not implement. They change no verdict.
    std::vector<std::string> warnings;
    std::vector<TestResult> tests;
    std::string error;       // a suite-level error that stopped the run (connection lost …), or empty
    std::string error_kind;  // its hiltest::ErrorKind name
    // Selected test runs (repetitions included) that never started because the run was
    // interrupted first: one count, not one entry each (--repeat 1000000 then Ctrl-C).
    std::size_t not_run = 0;
};

// The name of the test that stands for a run-level error in every report.
inline constexpr std::string_view kSuiteSetupTestName = "suite setup";

// Records a run-level error (no probe, connection given up, suite or build error): sets
// `error`/`error_kind` and appends the "suite setup" test in error (at `where`, if known), which
// the reports show and count like any other test.
void record_run_error(SuiteResult& run, const std::string& message, const std::string& error_kind,
                      const SourceRef& where = {});

// How a test is named in every report: "name", or "name [3/100]" for repetition 3 of --repeat 100
// (CI servers need a unique name per test case).
std::string display_name(const TestResult& test);

// The cases of the firmware's own test runs (run_tests steps), counted apart from hiltest's
// tests: a failing case already fails its hiltest test, and the exit code is the tests'.
struct CaseCounts {
    std::size_t cases = 0, passed = 0, failed = 0, errors = 0, skipped = 0;

    CaseCounts& operator+=(const CaseCounts& other);
};

// The cases by status (Error and Interrupted both count as errors: the case never finished).
CaseCounts count_cases(const std::vector<OnTargetCase>& cases);

struct Counts {
    std::size_t tests = 0, passed = 0, failed = 0, errors = 0, skipped = 0, interrupted = 0;
    // Test runs that never started because the run was interrupted; not part of `tests`.
    std::size_t not_run = 0;
    CaseCounts on_target;

    Counts& operator+=(const Counts& other);
    bool all_passed() const { return failed == 0 && errors == 0 && interrupted == 0; }
};

// Tests by status (the "suite setup" test of a run-level error included), and the run's not_run.
Counts count(const SuiteResult& suite);

// With --repeat: the counts of each test over its repetitions, by test name in the order the
// names first appear (not_run stays 0: it is not known per test).
std::vector<std::pair<std::string, Counts>> counts_by_test(const SuiteResult& suite);

// Whether any test of the run is one of several repetitions (--repeat N, N > 1).
bool has_repetitions(const SuiteResult& suite);

struct Report {
    std::vector<SuiteResult> runs;

    Counts counts() const;
    Duration duration() const;  // sum over runs
    bool interrupted() const;
};

}  // namespace hiltest::reports
