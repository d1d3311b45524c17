#include "runner/cli/input_variables.hpp"

#include <filesystem>

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

suite::ParseOptions input_variables(const std::vector<std::string>& assignments)
{
    suite::ParseOptions parse;
    parse.variables["firmware_dir"] = (executable_directory() / "firmware").string();
    for (const std::string& assignment : assignments) {
        const auto eq = assignment.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Error(ErrorKind::Usage, "--var '" + assignment + "' is not NAME=VALUE", "e.g. --var firmware_dir=out/fw");
        parse.variables[assignment.substr(0, eq)] = assignment.substr(eq + 1);
    }
    return parse;
}

}  // namespace hiltest::cli
