#pragma once
// The JSON report (docs/report-format.md): schema "hiltest-report", schema_version 1.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/result.hpp"

namespace hiltest::reports {

inline constexpr const char* kJsonReportSchema = "hiltest-report";
inline constexpr int kJsonReportSchemaVersion = 1;

nlohmann::json report_to_json(const Report& report);
// Text as written to disk: indented, valid UTF-8 whatever the target printed.
std::string json_report_text(const Report& report);
void write_json_report(const std::filesystem::path& path, const Report& report);

// Reads a report back (for merging and re-rendering). Throws hiltest::Error (kind Usage) for
// anything that is not a hiltest report of a supported schema version; source names it in messages.
Report report_from_json(const nlohmann::json& document, const std::string& source = "report");
Report load_json_report(const std::filesystem::path& path);

// Adds up statistics objects: numbers are summed, strings counted by value
// ({"strategy": "under-reset"} twice → {"strategy": {"under-reset": 2}}), objects recursively.
nlohmann::json add_up_statistics(const std::vector<nlohmann::json>& objects);

}  // namespace hiltest::reports
