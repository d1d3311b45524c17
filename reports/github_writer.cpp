#include "reports/github_writer.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "probe/base/error.hpp"
#include "reports/format.hpp"
#include "reports/text_sanitise.hpp"

namespace hiltest::reports {

namespace {

// Table cells: one line, no pipes, no HTML.
std::string markdown_cell(std::string_view text)
{
    std::string out;
    for (char c : printable_line(text)) {
        switch (c) {
        case '|': out += "\\|"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '`': out += "\\`"; break;
        default: out += c;
        }
    }
    return out;
}

std::string status_icon(Status status)
{
    switch (status) {
    case Status::Passed: return "✅";
    case Status::Failed: return "❌";
    case Status::Error: return "⚠️";
    case Status::Skipped: return "⏭️";
    case Status::Interrupted: return "⏹️";
    }
    return "?";
}

std::string failure_text(const TestResult& test)
{
    if (const StepResult* step = first_problem(test)) {
        const std::string line = step_failure_line(*step);
        return printable_line(step_title(*step)) + (line.empty() ? "" : ": " + line);
    }
    return printable_line(test.message.empty() ? std::string(to_string(test.status)) : test.message);
}

std::string run_label(const SuiteResult& run)
{
    return run.board.empty() ? run.name : run.name + " [" + run.board + "]";
}

void annotate(std::ostringstream& out, const SourceRef& source, const std::string& title, const std::string& message)
{
    out << "::error ";
    if (!source.empty()) {
        out << "file=" << github_escape_property(source.file) << ",line=" << source.line << ",";
        if (source.column > 0) out << "col=" << source.column << ",";
    }
    out << "title=" << github_escape_property(title) << "::" << github_escape_data(message) << "\n";
}

}  // namespace

bool running_in_github_actions(const Environment& environment)
{
    return environment.get("GITHUB_ACTIONS") == "true";
}

std::string github_escape_data(std::string_view text)
{
    std::string out;
    for (char c : printable_text(text)) {
        switch (c) {
        case '%': out += "%25"; break;
        case '\r': out += "%0D"; break;
        case '\n': out += "%0A"; break;
        default: out += c;
        }
    }
    return out;
}

std::string github_escape_property(std::string_view text)
{
    std::string out;
    for (char c : github_escape_data(text)) {
        switch (c) {
        case ':': out += "%3A"; break;
        case ',': out += "%2C"; break;
        default: out += c;
        }
    }
    return out;
}

std::string github_annotations(const Report& report)
{
    std::ostringstream out;
    for (const SuiteResult& run : report.runs) {
        for (const TestResult& test : run.tests) {
            if (test.status == Status::Passed || test.status == Status::Skipped) {
                continue;
            }
            const StepResult* step = first_problem(test);
            const SourceRef& source = step != nullptr && !step->source.empty() ? step->source : test.source;
            std::string message = failure_text(test);
            if (step != nullptr && !test.message.empty() && test.message != step->message) {
                message += "\n" + test.message;
            }
            annotate(out, source,
                     "hiltest: " + run_label(run) + " / " + display_name(test) + " " + std::string(to_string(test.status)),
                     message);
            // Each on-target case that did not pass, at the firmware's file:line as its framework printed it.
            for (const StepResult& s : test.steps) {
                for (const OnTargetCase& c : s.cases) {
                    if (c.status != Status::Failed && c.status != Status::Error) continue;
                    annotate(out, c.file.empty() ? s.source : SourceRef{c.file, c.line, 0},
                             "hiltest: " + run_label(run) + " / " + display_name(test) + " / " + c.display_name() + " " +
                                 std::string(to_string(c.status)),
                             c.message);
                }
            }
        }
    }
    return out.str();
}

std::string github_step_summary(const Report& report)
{
    const Counts counts = report.counts();
    std::ostringstream md;
    const bool good = counts.all_passed() && !report.interrupted();
    md << "## " << (good ? "✅" : "❌") << " hiltest: " << counts.passed << " passed, " << counts.failed << " failed, "
       << counts.errors << " errors, " << counts.skipped << " skipped";
    if (counts.interrupted > 0 || report.interrupted()) {
        md << ", " << counts.interrupted << " interrupted";
    }
    if (counts.not_run > 0) {
        md << ", " << counts.not_run << " not run";
    }
    md << " in " << seconds_text(report.duration()) << " s\n\n";
    if (const CaseCounts& cases = counts.on_target; cases.cases > 0) {
        md << "On-target cases: " << cases.passed << " passed, " << cases.failed << " failed, " << cases.skipped
           << " skipped" << (cases.errors > 0 ? ", " + std::to_string(cases.errors) + " unfinished" : "") << " of "
           << cases.cases << ".\n\n";
    }
    if (counts.not_run > 0) {
        md << "⏹️ The run was interrupted: " << counts.not_run
           << (counts.not_run == 1 ? " selected test run" : " selected test runs") << " did not start.\n\n";
    }
    md << "| suite | probe | target | passed | failed | errors | skipped | time |\n";
    md << "|---|---|---|---:|---:|---:|---:|---:|\n";
    for (const SuiteResult& run : report.runs) {
        const Counts c = count(run);
        md << "| " << markdown_cell(run_label(run)) << " | " << markdown_cell(run.properties.probe) << " | "
           << markdown_cell(run.properties.target) << " | " << c.passed << " | " << c.failed << " | " << c.errors
           << " | " << c.skipped << " | " << seconds_text(run.duration) << " s |\n";
    }
    bool heading = false;
    for (const SuiteResult& run : report.runs) {
        const auto problem = [&](const std::string& name, Status status, const std::string& text,
                                 const SourceRef& source) {
            if (!heading) {
                md << "\n### Problems\n\n| | test | what happened | where |\n|---|---|---|---|\n";
                heading = true;
            }
            md << "| " << status_icon(status) << " | " << markdown_cell(run_label(run) + " / " + name) << " | "
               << markdown_cell(text) << " | " << markdown_cell(source.to_string()) << " |\n";
        };
        for (const TestResult& test : run.tests) {
            if (test.status == Status::Passed) {
                continue;
            }
            const StepResult* step = first_problem(test);
            problem(display_name(test), test.status, failure_text(test),
                    step != nullptr && !step->source.empty() ? step->source : test.source);
            for (const StepResult& s : test.steps)
                for (const OnTargetCase& c : s.cases)
                    if (c.status == Status::Failed || c.status == Status::Error)
                        problem(display_name(test) + " / " + c.display_name(), c.status, c.message,
                                c.file.empty() ? s.source : SourceRef{c.file, c.line, 0});
        }
    }
    md << "\n";
    return md.str();
}

void publish_to_github(const Report& report, const Environment& environment, std::ostream& out)
{
    if (!running_in_github_actions(environment)) {
        return;
    }
    out << github_annotations(report) << std::flush;
    const auto summary_file = environment.get("GITHUB_STEP_SUMMARY");
    if (!summary_file || summary_file->empty()) {
        return;
    }
    // Other steps append to the same file, so this one appends too (not replace-by-rename).
    std::ofstream summary(*summary_file, std::ios::app | std::ios::binary);
    summary << github_step_summary(report);
    summary.flush();
    if (!summary) {
        throw Error(ErrorKind::Usage, "cannot append the job summary to " + *summary_file + ": " + std::strerror(errno),
                    "check GITHUB_STEP_SUMMARY names a writable file");
    }
}

}  // namespace hiltest::reports
