#include "reports/merge.hpp"

#include "reports/json_report.hpp"

namespace hiltest::reports {

Report merge_reports(std::vector<Report> reports)
{
    Report merged;
    for (Report& report : reports) {
        for (SuiteResult& run : report.runs) {
            merged.runs.push_back(std::move(run));
        }
    }
    return merged;
}

Report merge_report_files(const std::vector<std::filesystem::path>& paths)
{
    std::vector<Report> reports;
    reports.reserve(paths.size());
    for (const auto& path : paths) {
        reports.push_back(load_json_report(path));
    }
    return merge_reports(std::move(reports));
}

}  // namespace hiltest::reports
