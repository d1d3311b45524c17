#include "runner/cli/options/unavailable.hpp"

#include <string>
#include <vector>

namespace hiltest::cli {

Error built_without_simulator(const std::string& needs)
{
    return Error(ErrorKind::Usage, needs + " needs the simulated Blue Pill, and this hiltest was built without the simulator",
                 "configure the build with cmake -DHILTEST_SIMULATOR=ON and rebuild hiltest, or use a real "
                 "ST-Link (--probe stlink)");
}

Error built_without_sim_usb(const std::string& needs)
{
    return Error(ErrorKind::Usage,
                 needs + " needs the simulated USB dongles (umockdev), and this hiltest was built without them",
                 "install umockdev (Debian libumockdev-dev), configure the build with cmake -DHILTEST_SIM_USB=ON and "
                 "rebuild hiltest");
}

void add_unavailable_command(CLI::App& parent, const std::string& name, MissingPart missing)
{
    CLI::App* command = parent.add_subcommand(name, "");
    command->group("");  // not listed in --help
    command->set_help_flag();
    // Whatever follows the name (options, a program after --) is taken and ignored: the error comes first.
    command->allow_extras();
    command->prefix_command();
    command->add_option_function<std::vector<std::string>>("ARGUMENTS", [](const std::vector<std::string>&) {})
        ->group("");
    std::string needs = "hiltest";
    for (const CLI::App* at = command; at && at->get_parent(); at = at->get_parent()) needs.insert(7, " " + at->get_name());
    command->callback([needs, missing] {
        throw missing == MissingPart::Simulator ? built_without_simulator(needs) : built_without_sim_usb(needs);
    });
}

}  // namespace hiltest::cli
