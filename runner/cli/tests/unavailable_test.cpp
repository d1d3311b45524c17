// A command this build lacks is not in --help, and using it is a usage error saying how to build it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runner/cli/options/unavailable.hpp"

namespace hiltest::cli {
namespace {

Error error_of(CLI::App& app, std::vector<std::string> arguments)
{
    arguments.insert(arguments.begin(), "hiltest");
    std::vector<const char*> argv;
    for (const std::string& argument : arguments) argv.push_back(argument.c_str());
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no error";
    return Error(ErrorKind::Internal, "none");
}

TEST(UnavailableCommand, IsLeftOutOfTheHelp)
{
    CLI::App app;
    app.add_subcommand("run", "Run a test suite");
    add_unavailable_command(app, "sim", MissingPart::Simulator);
    EXPECT_NE(app.help().find("run"), std::string::npos);
    EXPECT_EQ(app.help().find("sim"), std::string::npos) << app.help();
}

TEST(UnavailableCommand, TakesAnyArgumentsAndSaysHowToBuildTheSimulator)
{
    CLI::App app;
    add_unavailable_command(app, "sim", MissingPart::Simulator);
    const Error e = error_of(app, {"sim", "usb", "--firmware", "fw.elf", "--", "st-info", "--probe"});
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
    EXPECT_NE(std::string(e.what()).find("hiltest sim needs the simulated Blue Pill"), std::string::npos) << e.what();
    EXPECT_NE(e.remedy().find("-DHILTEST_SIMULATOR=ON"), std::string::npos) << e.remedy();
}

TEST(UnavailableCommand, NamesTheWholeCommandAndTheMissingUsbPart)
{
    CLI::App app;
    CLI::App* sim = app.add_subcommand("sim", "the simulator");
    add_unavailable_command(*sim, "usb", MissingPart::SimUsb);
    const Error e = error_of(app, {"sim", "usb", "--", "st-info", "--probe"});
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
    EXPECT_NE(std::string(e.what()).find("hiltest sim usb needs the simulated USB dongles"), std::string::npos)
        << e.what();
    EXPECT_NE(e.remedy().find("-DHILTEST_SIM_USB=ON"), std::string::npos) << e.remedy();
}

}  // namespace
}  // namespace hiltest::cli
