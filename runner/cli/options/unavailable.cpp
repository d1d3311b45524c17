#include "runner/cli/options/unavailable.hpp"

#include <string>

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
    std::string needs = "hiltest";
    for (const CLI::App* at = command; at && at->get_parent(); at = at->get_parent()) needs.insert(7, " " + at->get_name());
    // Thrown as soon as the command is recognised, before CLI11 looks at what follows (options of
    // the real command, a program after --): the error is about the build, not the arguments.
    command->preparse_callback([needs, missing](std::size_t) {
        throw missing == MissingPart::Simulator ? built_without_simulator(needs) : built_without_sim_usb(needs);
    });
}

}  // namespace hiltest::cli
