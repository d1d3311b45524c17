#include "reports/console_writer.hpp"

#include <algorithm>

#include "reports/format.hpp"
#include "reports/text_sanitise.hpp"

namespace hiltest::reports {

namespace {

constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kMagenta = "\x1b[35m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kReset = "\x1b[0m";

struct StatusLook {
    std::string_view label;
    std::string_view colour;
};

StatusLook look(Status status)
{
    switch (status) {
    case Status::Passed: return {"PASS", kGreen};
    case Status::Failed: return {"FAIL", kRed};
    case Status::Error: return {"ERROR", kMagenta};
    case Status::Skipped: return {"SKIP", kYellow};
    case Status::Interrupted: return {"INTR", kYellow};
    }
    return {"?", kReset};
}

}  // namespace

ConsoleOptions console_options(bool stdout_is_tty, const Environment& environment)
{
    ConsoleOptions options;
    options.terminal = stdout_is_tty;
    options.colour = stdout_is_tty && !environment.has_value("NO_COLOR") && environment.get("TERM") != "dumb";
    return options;
}

std::string ConsoleReporter::paint(std::string_view text, std::string_view colour) const
{
    if (!options_.colour) {
        return std::string(text);
    }
    return std::string(colour) + std::string(text) + std::string(kReset);
}

void ConsoleReporter::end_progress_line()
{
    if (progress_line_open_) {
        out_ << "\n";
        progress_line_open_ = false;
    }
}

void ConsoleReporter::suite_started(const std::string& name, std::size_t tests, const std::string& probe)
{
    end_progress_line();
    out_ << paint(printable_line(name), kBold) << ": " << tests << (tests == 1 ? " test" : " tests") << " on "
         << printable_line(probe) << "\n";
}

void ConsoleReporter::flash_progress(std::size_t done, std::size_t total)
{
    constexpr std::size_t kWidth = 30;
    done = std::min(done, total);
    const std::size_t percent = total == 0 ? 100 : done * 100 / total;
    const std::size_t filled = total == 0 ? kWidth : done * kWidth / total;
    const std::string line = "  flashing [" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "] " +
                             std::to_string(percent) + "% " + std::to_string(done / 1024) + "/" +
                             std::to_string((total + 1023) / 1024) + " KiB";
    if (options_.terminal) {
        out_ << "\r" << line << std::flush;
        progress_line_open_ = true;
        if (done == total) {
            end_progress_line();
        }
    } else if (done == total) {
        out_ << line << "\n";
    }
}

void ConsoleReporter::test_finished(const TestResult& test)
{
    write_test(test);
    out_ << std::flush;  // a CI log shows each test as it finishes, not at exit
}

// The firmware's own cases of a run_tests step, one line each under their test, with the
// framework's message and file:line under a case that did not pass.
void ConsoleReporter::write_cases(const TestResult& test)
{
    for (const StepResult& step : test.steps) {
        for (const OnTargetCase& c : step.cases) {
            const StatusLook status = look(c.status);
            std::string label(status.label);
            label.resize(5, ' ');
            out_ << "      " << paint(label, status.colour) << " " << printable_line(c.display_name()) << "\n";
            if (c.status == Status::Passed) continue;
            const std::string where = c.file.empty() ? "" : c.file + (c.line > 0 ? ":" + std::to_string(c.line) : "") + ": ";
            const std::string detail = printable_line(where + c.message);
            if (!detail.empty()) out_ << "            " << paint(detail, c.status == Status::Skipped ? kDim : status.colour) << "\n";
        }
    }
}

void ConsoleReporter::write_test(const TestResult& test)
{
    end_progress_line();
    const StatusLook status = look(test.status);
    std::string label(status.label);
    label.resize(5, ' ');
    out_ << "  " << paint(label, status.colour) << " " << printable_line(display_name(test)) << " "
         << paint("(" + seconds_text(test.duration) + " s)", kDim) << "\n";
    write_cases(test);
    if (test.status == Status::Skipped && !test.message.empty()) {
        out_ << "        " << printable_line(test.message) << "\n";
        return;
    }
    if (test.status == Status::Passed) {
        return;
    }
    if (const StepResult* step = first_problem(test)) {
        out_ << "        " << printable_line(step_title(*step));
        if (!step->source.empty()) {
            out_ << " " << paint("at " + printable_line(step->source.to_string()), kDim);
        }
        out_ << "\n";
        const std::string detail = step_failure_line(*step);
        if (!detail.empty()) write_detail(detail, status.colour);
    } else if (!test.message.empty()) {
        write_detail(printable_line(test.message), status.colour);
    }
}

void ConsoleReporter::write_detail(const std::string& detail, std::string_view colour)
{
    // Tests that could not run for one reason (the board is unreachable) say it once.
    constexpr std::string_view kNotRun = "not run: ";
    const auto reason = [&](std::string_view text) {
        return text.starts_with(kNotRun) ? text.substr(kNotRun.size()) : text;
    };
    if (!last_detail_.empty() && reason(detail) == reason(last_detail_)) {
        out_ << "        " << paint("(the same reason as above)", kDim) << "\n";
        return;
    }
    out_ << "        " << paint(detail, colour) << "\n";
    last_detail_ = detail;
}

void ConsoleReporter::suite_finished(const SuiteResult& run)
{
    end_progress_line();
    if (!run.error.empty() && last_detail_.find(printable_line(run.error)) == std::string::npos) {
        out_ << "  " << paint("ERROR", kMagenta) << " " << printable_line(run.error) << "\n";
    }
    // A few on the console, all of them in the reports: a firmware touching fifty registers
    // of an unmodelled block must not bury the summary.
    constexpr std::size_t kWarningsShown = 5;
    for (std::size_t i = 0; i < run.warnings.size() && i < kWarningsShown; ++i)
        out_ << "  " << paint("WARNING", kYellow) << " " << printable_line(run.warnings[i]) << "\n";
    if (run.warnings.size() > kWarningsShown)
        out_ << "  " << paint("WARNING", kYellow) << " … and " << run.warnings.size() - kWarningsShown
             << " more in the JSON report\n";
    summary_line(run.name, count(run), run.duration, run.interrupted);
}

void ConsoleReporter::summary_line(const std::string& name, const Counts& counts, Duration duration,
                                   bool interrupted)
{
    std::string summary = printable_line(name) + ": " + std::to_string(counts.passed) + " passed, " +
                          std::to_string(counts.failed) + " failed, " + std::to_string(counts.errors) +
                          (counts.errors == 1 ? " error, " : " errors, ") + std::to_string(counts.skipped) +
                          " skipped";
    if (counts.interrupted > 0 || interrupted) {
        summary += ", " + std::to_string(counts.interrupted) + " interrupted";
    }
    if (counts.not_run > 0) {
        summary += ", " + std::to_string(counts.not_run) + " not run because of the interruption";
    }
    summary += " in " + seconds_text(duration) + " s";
    if (const CaseCounts& cases = counts.on_target; cases.cases > 0) {
        summary += "; on-target cases: " + std::to_string(cases.passed) + " passed, " + std::to_string(cases.failed) +
                   " failed, " + std::to_string(cases.skipped) + " skipped";
        if (cases.errors > 0) summary += ", " + std::to_string(cases.errors) + " unfinished";
    }
    const bool good = counts.all_passed() && !interrupted;
    out_ << paint(summary, good ? kGreen : kRed) << "\n";
}

void ConsoleReporter::reports_written(const std::string& what, const std::string& path)
{
    end_progress_line();
    out_ << "  " << what << ": " << printable_line(path) << "\n";
}

void write_console_report(std::ostream& out, const Report& report, ConsoleOptions options)
{
    ConsoleReporter console(out, options);
    for (const SuiteResult& run : report.runs) {
        console.suite_started(run.name + (run.board.empty() ? "" : " [" + run.board + "]"), run.tests.size(),
                              run.properties.probe);
        for (const TestResult& test : run.tests) {
            console.test_finished(test);
        }
        console.suite_finished(run);
    }
    if (report.runs.size() > 1) {
        console.summary_line("total of " + std::to_string(report.runs.size()) + " runs", report.counts(),
                             report.duration(), report.interrupted());
    }
}

}  // namespace hiltest::reports
