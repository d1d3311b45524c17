#include "runner/cli/options/probe_selector_option.hpp"

#include "probe/base/error.hpp"

namespace hiltest::cli {
namespace {

probe::ProbeSelector parse_probe_option(const std::string& text)
{
    std::string problem;
    if (auto selector = probe::ProbeSelector::parse(text, problem)) return *selector;
    throw Error(ErrorKind::Usage, "--probe '" + text + "' is not a probe selector: " + problem,
                "use one of: " + std::string(probe::ProbeSelector::kForms) +
                    " (`hiltest probe list` shows serials and USB locations)");
}

std::string with_forms(const std::string& help)
{
    return help + ": " + std::string(probe::ProbeSelector::kForms);
}

}  // namespace

CLI::Option* add_probe_selector_option(CLI::App& command, probe::ProbeSelector& selector, const std::string& help)
{
    return command
        .add_option_function<std::string>(
            "--probe", [&selector](const std::string& text) { selector = parse_probe_option(text); }, with_forms(help))
        ->default_str(selector.to_string());
}

CLI::Option* add_probe_selector_option(CLI::App& command, std::optional<probe::ProbeSelector>& selector,
                                       const std::string& help)
{
    return command.add_option_function<std::string>(
        "--probe", [&selector](const std::string& text) { selector = parse_probe_option(text); }, with_forms(help));
}

}  // namespace hiltest::cli
