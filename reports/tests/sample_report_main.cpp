// Prints a JSON report the writer produced from the test samples ("sample", "hostile",
// "merged", "repeated"), for check_report_schema.py.
#include <iostream>
#include <string>

#include "reports/json_report.hpp"
#include "reports/merge.hpp"
#include "reports/tests/sample_reports.hpp"

int main(int argc, char** argv)
{
    using namespace hiltest::reports;
    const std::string variant = argc > 1 ? argv[1] : "sample";
    Report report = testing::sample_report();
    if (variant == "hostile") {
        report.runs.push_back(testing::hostile_run());
    } else if (variant == "merged") {
        report = merge_reports({testing::sample_report(), testing::sample_report()});
    } else if (variant == "on_target") {
        report = testing::on_target_report();
    } else if (variant == "repeated") {
        report.runs = {testing::repeated_run()};
    }
    std::cout << json_report_text(report);
    return 0;
}
