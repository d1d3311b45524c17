#pragma once
// GitHub Actions: `::error` workflow commands (annotations on the suite file) for every test
// that did not pass, and a Markdown job summary appended to $GITHUB_STEP_SUMMARY.
#include <ostream>
#include <string>
#include <string_view>

#include "reports/environment.hpp"
#include "reports/result.hpp"

namespace hiltest::reports {

// GITHUB_ACTIONS=true
bool running_in_github_actions(const Environment& environment);

// Workflow-command escaping: message data escapes % CR LF; property values also : and ,.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

// One "::error file=…,line=…,col=…,title=…::message" line per failed, errored or interrupted test.
std::string github_annotations(const Report& report);

// The job summary: a result headline, a table of runs, and the failures with expected vs measured.
std::string github_step_summary(const Report& report);

// When running in GitHub Actions: annotations to out, summary appended to the file named by
// GITHUB_STEP_SUMMARY (if set). Does nothing otherwise. Throws hiltest::Error (Usage) when the
// summary file cannot be written.
void publish_to_github(const Report& report, const Environment& environment, std::ostream& out);

}  // namespace hiltest::reports
