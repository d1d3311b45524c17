#include "reports/junit_writer.hpp"

#include <sstream>

#include "probe/base/error.hpp"
#include "reports/atomic_file.hpp"
#include "reports/format.hpp"
#include "reports/text_sanitise.hpp"

namespace hiltest::reports {

namespace {

// Nested statistics objects become dotted property names: connection.errors_by_kind.usb-timeout.
void flatten(const std::string& prefix, const nlohmann::json& value, std::vector<std::pair<std::string, std::string>>& out)
{
    if (value.is_object()) {
        for (const auto& [key, child] : value.items()) {
            flatten(prefix + "." + key, child, out);
        }
    } else if (value.is_string()) {
        out.emplace_back(prefix, value.get<std::string>());
    } else {
        out.emplace_back(prefix, value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
}

std::vector<std::pair<std::string, std::string>> properties_of(const SuiteResult& run)
{
    std::vector<std::pair<std::string, std::string>> properties;
    const SuiteProperties& p = run.properties;
    const auto add = [&](std::string name, const std::string& value) {
        if (!value.empty()) {
            properties.emplace_back(std::move(name), value);
        }
    };
    add("suite.file", run.file);
    add("board", run.board);
    add("probe", p.probe);
    add("probe.serial", p.probe_serial);
    add("target", p.target);
    add("firmware", p.firmware);
    add("firmware.sha256", p.firmware_sha256);
    add("hiltest.version", p.hiltest_version);
    if (p.seed) {
        add("seed", std::to_string(*p.seed));
    }
    if (run.interrupted) {
        add("interrupted", "true");
    }
    if (run.not_run > 0) {
        // Selected test runs the interruption kept from starting: a count, not a test case each.
        add("not_run", std::to_string(run.not_run));
    }
    if (!run.connection.empty()) {
        flatten("connection", run.connection, properties);
    }
    if (!run.flash.empty()) {
        flatten("flash", run.flash, properties);
    }
    return properties;
}

std::string step_details(const TestResult& test)
{
    std::ostringstream details;
    std::size_t index = 0;
    for (const StepResult& step : test.steps) {
        ++index;
        details << index << ". [" << to_string(step.status) << "] " << step_title(step);
        if (!step.source.empty()) {
            details << " (" << step.source.to_string() << ")";
        }
        details << " " << seconds_text(step.duration) << " s\n";
        const std::string failure = step_failure_line(step);
        if (step.status != Status::Passed && !failure.empty()) {
            details << "   " << failure << "\n";
        }
        if (!step.measurements.empty()) {
            details << "   measured: "
                    << step.measurements.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        }
    }
    return details.str();
}

std::string failure_message(const TestResult& test)
{
    if (const StepResult* step = first_problem(test)) {
        std::string message = step_title(*step);
        const std::string line = step_failure_line(*step);
        if (!line.empty()) {
            message += ": " + line;
        }
        return message;
    }
    return test.message.empty() ? std::string(to_string(test.status)) : test.message;
}

// CI servers group test cases by class name; with boards ("suite.board") the same test on four
// boards shows as four cases under the suite instead of one case reported four times.
std::string class_name(const SuiteResult& run)
{
    return run.board.empty() ? run.name : run.name + "." + run.board;
}

void write_testcase(std::ostream& xml, const SuiteResult& run, const TestResult& test)
{
    xml << "    <testcase name=\"" << xml_attribute(display_name(test)) << "\" classname=\"" << xml_attribute(class_name(run))
        << "\" time=\"" << seconds_text(test.duration) << "\" status=\"" << to_string(test.status) << "\""
        << " assertions=\"" << test.steps.size() << "\">\n";
    switch (test.status) {
    case Status::Passed: break;
    case Status::Skipped:
        xml << "      <skipped>" << xml_text(test.message) << "</skipped>\n";
        break;
    case Status::Failed:
        xml << "      <failure type=\"" << to_string(ErrorKind::AssertionFailed) << "\" message=\""
            << xml_attribute(failure_message(test)) << "\">" << xml_text(step_details(test)) << "</failure>\n";
        break;
    case Status::Error:
    case Status::Interrupted: {
        // The error kind (docs/report-format.md lists them); "error" only for a report of an
        // older hiltest that did not record one.
        const StepResult* step = first_problem(test);
        std::string type = test.status == Status::Interrupted ? "interrupted" : "error";
        if (!test.error_kind.empty()) {
            type = test.error_kind;
        } else if (step != nullptr && !step->error_kind.empty()) {
            type = step->error_kind;
        }
        xml << "      <error type=\"" << xml_attribute(type) << "\" message=\"" << xml_attribute(failure_message(test))
            << "\">" << xml_text(step_details(test)) << "</error>\n";
        break;
    }
    }
    // The semihosting text as it always was; every other channel after a line naming it.
    std::string output = test.output();
    for (const ChannelOutput& channel : test.outputs) {
        if (channel.channel == "semihosting" || channel.text.empty()) continue;
        output += std::string(output.empty() ? "" : "\n") + "--- " + channel.channel + " ---\n" + channel.text;
    }
    if (!output.empty()) {
        xml << "      <system-out>" << xml_text(output) << "</system-out>\n";
    }
    xml << "    </testcase>\n";
}

// One on-target case of a run_tests step, as a test case of its own: CI servers then list the
// firmware's tests like any other, grouped under "suite.test".
void write_on_target_case(std::ostream& xml, const SuiteResult& run, const TestResult& test, const OnTargetCase& c)
{
    const std::string where = c.file.empty() ? "" : c.file + (c.line > 0 ? ":" + std::to_string(c.line) : "");
    const std::string message = where.empty() ? c.message : where + ": " + c.message;
    xml << "    <testcase name=\"" << xml_attribute(c.display_name()) << "\" classname=\""
        << xml_attribute(class_name(run) + "." + display_name(test)) << "\" time=\""
        << seconds_text(std::chrono::duration_cast<Duration>(std::chrono::duration<double, std::milli>(c.duration_ms.value_or(0))))
        << "\" status=\"" << to_string(c.status) << "\">\n";
    switch (c.status) {
    case Status::Passed: break;
    case Status::Skipped: xml << "      <skipped>" << xml_text(message) << "</skipped>\n"; break;
    case Status::Failed:
        xml << "      <failure type=\"" << to_string(ErrorKind::AssertionFailed) << "\" message=\"" << xml_attribute(message)
            << "\">" << xml_text(message) << "</failure>\n";
        break;
    case Status::Error:
    case Status::Interrupted:
        xml << "      <error type=\"on-target-case-unfinished\" message=\"" << xml_attribute(message) << "\">"
            << xml_text(message) << "</error>\n";
        break;
    }
    xml << "    </testcase>\n";
}

void write_testsuite(std::ostream& xml, const SuiteResult& run, std::size_t index)
{
    const Counts counts = count(run);
    const CaseCounts& cases = counts.on_target;
    xml << "  <testsuite name=\"" << xml_attribute(run.name) << "\" tests=\"" << counts.tests + cases.cases
        << "\" failures=\"" << counts.failed + cases.failed << "\" errors=\""
        << counts.errors + counts.interrupted + cases.errors << "\" skipped=\"" << counts.skipped + cases.skipped
        << "\" time=\"" << seconds_text(run.duration) << "\" id=\"" << index << "\"";
    if (!run.started_at.empty()) {
        xml << " timestamp=\"" << xml_attribute(run.started_at) << "\"";
    }
    if (!run.board.empty()) {
        xml << " hostname=\"" << xml_attribute(run.board) << "\"";
    }
    xml << ">\n";
    const auto properties = properties_of(run);
    if (!properties.empty()) {
        xml << "    <properties>\n";
        for (const auto& [name, value] : properties) {
            xml << "      <property name=\"" << xml_attribute(name) << "\" value=\"" << xml_attribute(value) << "\"/>\n";
        }
        xml << "    </properties>\n";
    }
    for (const TestResult& test : run.tests) {
        write_testcase(xml, run, test);
        for (const StepResult& step : test.steps)
            for (const OnTargetCase& c : step.cases) write_on_target_case(xml, run, test, c);
    }
    if (!run.warnings.empty()) {
        std::string warnings;
        for (const std::string& warning : run.warnings) warnings += "warning: " + warning + "\n";
        xml << "    <system-err>" << xml_text(warnings) << "</system-err>\n";
    }
    xml << "  </testsuite>\n";
}

}  // namespace

std::string junit_xml(const Report& report)
{
    const Counts counts = report.counts();
    std::ostringstream xml;
    xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    const CaseCounts& cases = counts.on_target;
    xml << "<testsuites name=\"hiltest\" tests=\"" << counts.tests + cases.cases << "\" failures=\""
        << counts.failed + cases.failed << "\" errors=\"" << counts.errors + counts.interrupted + cases.errors << "\" time=\"" << seconds_text(report.duration())
        << "\">\n";
    std::size_t index = 0;
    for (const SuiteResult& run : report.runs) {
        write_testsuite(xml, run, index++);
    }
    xml << "</testsuites>\n";
    return xml.str();
}

void write_junit_report(const std::filesystem::path& path, const Report& report)
{
    write_file_atomically(path, junit_xml(report));
}

}  // namespace hiltest::reports
