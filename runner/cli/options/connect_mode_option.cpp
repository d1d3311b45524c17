#include "runner/cli/options/connect_mode_option.hpp"

namespace hiltest::cli {
namespace {

CLI::Option* add(CLI::App& command, const std::function<void(probe::connect::ConnectMode)>& store,
                 const std::string& help)
{
    return command
        .add_option_function<std::string>(
            "--connect", [store](const std::string& text) { store(probe::connect::parse_connect_mode(text)); }, help)
        ->check(CLI::IsMember({"auto", "normal", "under-reset"}));
}

}  // namespace

CLI::Option* add_connect_mode_option(CLI::App& command, probe::connect::ConnectMode& mode, const std::string& help)
{
    return add(command, [&mode](probe::connect::ConnectMode parsed) { mode = parsed; }, help)->default_str("auto");
}

CLI::Option* add_connect_mode_option(CLI::App& command, std::optional<probe::connect::ConnectMode>& mode,
                                     const std::string& help)
{
    return add(command, [&mode](probe::connect::ConnectMode parsed) { mode = parsed; }, help);
}

}  // namespace hiltest::cli
