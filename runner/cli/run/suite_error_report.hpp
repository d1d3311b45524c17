#pragma once
// `hiltest run` when the suite file, the bench file or the firmware (its build, its image, a
// symbol a step needs) is the problem: nothing could run, but CI still gets both reports, with one
// "suite setup" test in error that points at the problem, and under GitHub Actions the annotation
// on the file's line. The error itself still goes on to main (message, remedy, exit code 2).
#include <filesystem>
#include <ostream>
#include <string>

#include "probe/base/error.hpp"
#include "reports/environment.hpp"
#include "reports/result.hpp"

namespace hiltest::cli {

// The problems that leave these reports: the suite's, the bench file's and the firmware's (exit
// code 2). A bad command line (Usage) writes none.
bool is_suite_error(const Error& error);

// The run the reports show: suite `suite_name` of `suite_file`, one "suite setup" test with the
// error's message and remedy, its kind, and the place in the file when the error knows it.
reports::SuiteResult suite_error_run(const Error& error, const std::string& suite_name, const std::string& suite_file);

// Writes suite_error_run as JUnit and JSON, says where on `out`, and publishes it to GitHub
// Actions when running there. Never throws: a report that cannot be written is said on `errors`,
// so that the suite error is what the user sees.
void write_suite_error_reports(const Error& error, const std::string& suite_name, const std::string& suite_file,
                               const std::filesystem::path& junit, const std::filesystem::path& json,
                               const reports::Environment& environment, std::ostream& out, std::ostream& errors);

}  // namespace hiltest::cli
