#include "runner/cli/options/input_variables.hpp"

#include <filesystem>
#include <vector>

#include "probe/base/error.hpp"

namespace hiltest::cli {
namespace {

std::filesystem::path executable_directory()
{
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::filesystem::current_path() : self.parent_path();
}

}  // namespace

CLI::Option* add_input_variables_option(CLI::App& command, suite::ParseOptions& parse, const std::string& help)
{
    parse.variables["firmware_dir"] = (executable_directory() / "firmware").string();
    return command.add_option_function<std::vector<std::string>>(
        "--var",
        [&parse](const std::vector<std::string>& assignments) {
            for (const std::string& assignment : assignments) {
                const auto eq = assignment.find('=');
                if (eq == std::string::npos || eq == 0)
                    throw Error(ErrorKind::Usage, "--var '" + assignment + "' is not NAME=VALUE",
                                "e.g. --var firmware_dir=out/fw");
                parse.variables[assignment.substr(0, eq)] = assignment.substr(eq + 1);
            }
        },
        help);
}

}  // namespace hiltest::cli
