#include "runner/cli/run/suite_error_report.hpp"

#include <exception>

#include "reports/console_writer.hpp"
#include "reports/github_writer.hpp"
#include "reports/json_report.hpp"
#include "reports/junit_writer.hpp"
#include "runner/cli/exit_code.hpp"
#include "runner/suite/located_error.hpp"

namespace hiltest::cli {

namespace fs = std::filesystem;

bool is_suite_error(const Error& error)
{
    return error.kind() != ErrorKind::Usage && exit_code_for(error.kind()) == kExitUsage;
}

reports::SuiteResult suite_error_run(const Error& error, const std::string& suite_name, const std::string& suite_file)
{
    reports::SuiteResult run;
    run.name = suite_name;
    run.file = suite_file;
    run.properties.hiltest_version = HILTEST_VERSION;
    reports::SourceRef where;
    if (const suite::SourceLocation* location = suite::location_of(error))
        where = {location->file, location->line, location->column};
    reports::record_run_error(run, error.with_remedy(), std::string(to_string(error.kind())), where);
    return run;
}

void write_suite_error_reports(const Error& error, const std::string& suite_name, const std::string& suite_file,
                               const fs::path& junit, const fs::path& json, const reports::Environment& environment,
                               std::ostream& out, std::ostream& errors)
{
    reports::Report report;
    report.runs.push_back(suite_error_run(error, suite_name, suite_file));
    try {
        for (const fs::path& path : {junit, json})
            if (path.has_parent_path()) fs::create_directories(path.parent_path());
        reports::write_junit_report(junit, report);
        reports::write_json_report(json, report);
        reports::ConsoleReporter console(out, reports::ConsoleOptions{});
        console.reports_written("JUnit", junit.string());
        console.reports_written("JSON", json.string());
        reports::publish_to_github(report, environment, out);
    } catch (const std::exception& e) {
        errors << "hiltest: could not write the reports of the suite error: " << e.what() << "\n";
    }
    out << std::flush;
}

}  // namespace hiltest::cli
