#pragma once
// The process exit codes of every hiltest command, in one place. A CI job acts on them:
// 0 passed, 1 the firmware regressed, 2 the input is wrong, 3 the bench could not test it.
// Documented in `hiltest --help`, README.md and docs/report-format.md (a test keeps them equal).
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "probe/base/error.hpp"
#include "reports/result.hpp"

namespace hiltest::cli {

enum ExitCode : int {
    kExitOk = 0,              // all passed
    kExitTestFailed = 1,      // a test failed an assertion (the firmware did not do what the suite says)
    kExitUsage = 2,           // bad command line, suite, bench file or image: nothing could be tested
    kExitInfrastructure = 3,  // probe, connection, USB, target fault, timeout, reconnect reset, hook
    kExitInterrupted = 130,   // SIGINT / SIGTERM (128 + SIGINT, as shells report it)
};

// What each code means, least urgent first: the one table that `most_urgent` ranks by and the
// `hiltest --help` footer is written from.
struct ExitCodeMeaning {
    ExitCode code;
    std::string_view meaning;
};
inline constexpr std::array<ExitCodeMeaning, 5> kExitCodeMeanings{{
    {kExitOk, "all passed"},
    {kExitTestFailed, "a test failed"},
    {kExitUsage, "usage, suite or bench file error"},
    {kExitInfrastructure, "probe, connection, hook or other infrastructure error"},
    {kExitInterrupted, "interrupted"},
}};

// "Exit codes: 0 all passed, 1 a test failed, … 130 interrupted.", wrapped for a terminal.
std::string exit_codes_sentence();

// The documented exit code for a failure of this kind.
ExitCode exit_code_for(ErrorKind kind);

// Of several outcomes (boards, suites) the most urgent: interrupted, then infrastructure, then
// usage, then failed tests, then passed. A code outside the table (a child program's status)
// counts as infrastructure.
int most_urgent(int a, int b);

// The exit code a run's results call for: kExitInterrupted when interrupted, else the most urgent over its
// tests: a failed test kExitTestFailed, a test in error by its error kind (kExitInfrastructure
// unless it was the suite's or the image's fault: kExitUsage).
ExitCode exit_code_for(const reports::SuiteResult& run);
ExitCode exit_code_for(const std::vector<reports::SuiteResult>& runs);

}  // namespace hiltest::cli
