// hiltest report …: work with the reports hiltest run wrote.
#include "runner/cli/commands.hpp"

namespace hiltest::cli {

void add_report_group(CLI::App& app, CommandContext& context)
{
    CLI::App* report = app.add_subcommand("report", "Work with hiltest reports");
    report->require_subcommand(1);
    add_report_merge_command(*report, context);
}

}  // namespace hiltest::cli
