#pragma once
// `hiltest report merge`: several reports (shards, boards) become one; every run is kept with
// its own statistics and the totals add up (JSON "summary" and "totals").
#include <filesystem>
#include <vector>

#include "reports/result.hpp"

namespace hiltest::reports {

Report merge_reports(std::vector<Report> reports);

// Loads each JSON report (load_json_report) and merges them, in the order given.
Report merge_report_files(const std::vector<std::filesystem::path>& paths);

}  // namespace hiltest::reports
