// hiltest report merge: one report from the JSON reports of several shards or boards.
#include <filesystem>
#include <iostream>
#include <memory>

#include "probe/base/error.hpp"
#include "reports/console_writer.hpp"
#include "reports/environment.hpp"
#include "reports/json_report.hpp"
#include "reports/junit_writer.hpp"
#include "reports/merge.hpp"
#include "reports/output_path.hpp"
#include "runner/cli/commands.hpp"

namespace hiltest::cli {
namespace {

struct MergeOptions {
    std::string output;
    std::vector<std::string> inputs;
    std::string junit;
};

ExitCode merge(const MergeOptions& options)
{
    // Like `hiltest run`: the folders the reports go to are created (a CI merge job starts empty)
    // and checked before anything is read.
    reports::check_output_file(options.output, "OUT");
    if (!options.junit.empty()) reports::check_output_file(options.junit, "--junit");
    std::vector<std::filesystem::path> inputs(options.inputs.begin(), options.inputs.end());
    const reports::Report merged = reports::merge_report_files(inputs);
    reports::write_json_report(options.output, merged);
    if (!options.junit.empty()) reports::write_junit_report(options.junit, merged);
    reports::write_console_report(std::cout, merged, reports::ConsoleOptions{});
    std::cout << "merged " << inputs.size() << " report(s) into " << options.output
              << (options.junit.empty() ? "" : " and " + options.junit) << "\n";
    return exit_code_for(merged.runs);
}

}  // namespace

void add_report_merge_command(CLI::App& report, CommandContext& context)
{
    auto options = std::make_shared<MergeOptions>();
    CLI::App* merge_app = report.add_subcommand(
        "merge", "Merge JSON reports (from shards or boards) into one whose totals add up.\n"
                 "Example: hiltest report merge all.json shard-1/blink.json shard-2/blink.json --junit all.xml");
    merge_app->add_option("OUT", options->output, "The merged JSON report")->required();
    merge_app->add_option("IN", options->inputs, "JSON reports written by hiltest run")->required()->check(CLI::ExistingFile);
    merge_app->add_option("--junit", options->junit, "Also write the merged report as JUnit XML");
    merge_app->callback([options, &context] { context.exit_code = merge(*options); });
}

}  // namespace hiltest::cli
