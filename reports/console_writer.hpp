#pragma once
// What a person watching the terminal sees: one line per test as it finishes, the failing step
// with expected vs measured under a failed test, a progress bar while flashing, a summary line.
#include <cstddef>
#include <ostream>
#include <string>

#include "reports/environment.hpp"
#include "reports/result.hpp"

namespace hiltest::reports {

struct ConsoleOptions {
    bool colour = false;    // ANSI colours
    bool terminal = false;  // output is a TTY: progress bars redraw in place
};

// Colour only on a TTY, never when NO_COLOR is set to a non-empty value (no-color.org) or
// TERM is "dumb". stdout_is_tty comes from the caller (isatty(1)).
ConsoleOptions console_options(bool stdout_is_tty, const Environment& environment);

class ConsoleReporter {
public:
    ConsoleReporter(std::ostream& out, ConsoleOptions options) : out_(out), options_(options) {}

    void suite_started(const std::string& name, std::size_t tests, const std::string& probe);
    // done/total in bytes. On a terminal redraws one line; elsewhere prints only at 100 %.
    void flash_progress(std::size_t done, std::size_t total);
    void test_finished(const TestResult& test);
    // The summary of one run, e.g. "blink: 3 passed, 1 failed, 0 errors, 1 skipped in 2.410 s".
    void suite_finished(const SuiteResult& run);
    // "<name>: 3 passed, 1 failed, 0 errors, 1 skipped in 2.410 s", green when all passed; after an
    // interruption also "…, 1 interrupted, 998 not run because of the interruption in …".
    void summary_line(const std::string& name, const Counts& counts, Duration duration, bool interrupted);
    // Where the reports went.
    void reports_written(const std::string& what, const std::string& path);

private:
    void write_test(const TestResult& test);
    void write_cases(const TestResult& test);
    void write_detail(const std::string& detail, std::string_view colour);
    std::string paint(std::string_view text, std::string_view colour) const;
    void end_progress_line();

    std::ostream& out_;
    ConsoleOptions options_;
    bool progress_line_open_ = false;
    std::string last_detail_;
};

// One line per test plus failure details and the summary, for a finished report (merge, replay).
void write_console_report(std::ostream& out, const Report& report, ConsoleOptions options);

}  // namespace hiltest::reports
