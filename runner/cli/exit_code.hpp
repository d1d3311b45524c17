#pragma once
// The process exit codes of every hiltest command, in one place. A CI job acts on them:
// 0 passed, 1 the firmware regressed, 2 the input is wrong, 3 the bench could not test it.
// Documented in `hiltest --help`, README.md and docs/report-format.md (a test keeps them equal).
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

// The documented exit code for a failure of this kind.
int exit_code_for(ErrorKind kind);

// Of several outcomes (boards, suites) the most urgent: interrupted, then infrastructure, then
// failed tests, then usage, then passed.
int most_urgent(int a, int b);

// The exit code a run's results call for: 130 when interrupted, else the most urgent over its
// tests: a failed test 1, a test in error by its error kind (3 unless it was the suite's or the
// image's fault: 2).
int exit_code_for(const reports::SuiteResult& run);
int exit_code_for(const std::vector<reports::SuiteResult>& runs);

}  // namespace hiltest::cli
