// The options commands share are read into domain types while the command line is parsed, and a
// value that is none is a usage error naming the option.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "probe/base/error.hpp"
#include "runner/cli/options/connect_mode_option.hpp"
#include "runner/cli/options/duration_option.hpp"
#include "runner/cli/options/input_variables.hpp"
#include "runner/cli/options/number_option.hpp"
#include "runner/cli/options/probe_selector_option.hpp"

namespace hiltest::cli {
namespace {

using namespace std::chrono_literals;

void parse(CLI::App& app, std::vector<std::string> arguments)
{
    arguments.insert(arguments.begin(), "hiltest");
    std::vector<const char*> argv;
    for (const std::string& argument : arguments) argv.push_back(argument.c_str());
    app.parse(static_cast<int>(argv.size()), argv.data());
}

// The Usage error `run` throws; fails the test when it throws none or another kind.
Error usage_error(const std::function<void()>& run)
{
    try {
        run();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage) << e.what();
        EXPECT_FALSE(e.remedy().empty()) << e.what();
        return e;
    }
    ADD_FAILURE() << "no error";
    return Error(ErrorKind::Internal, "none");
}

TEST(ProbeSelectorOption, ReadsEveryFormIntoASelector)
{
    CLI::App app;
    probe::ProbeSelector selector = probe::ProbeSelector::any_stlink();
    add_probe_selector_option(app, selector, "which probe");
    parse(app, {"--probe", "usb:1-4.2"});
    EXPECT_EQ(selector, probe::ProbeSelector::usb_path(1, {4, 2}));
}

TEST(ProbeSelectorOption, TheHelpListsTheFormsTheSelectorDeclares)
{
    CLI::App app;
    std::optional<probe::ProbeSelector> selector;
    add_probe_selector_option(app, selector, "Override the suite's probe");
    EXPECT_NE(app.help().find(std::string(probe::ProbeSelector::kForms)), std::string::npos) << app.help();
}

TEST(ProbeSelectorOption, TextThatIsNoSelectorIsAUsageErrorNamingTheOption)
{
    CLI::App app;
    std::optional<probe::ProbeSelector> selector;
    add_probe_selector_option(app, selector, "which probe");
    const Error e = usage_error([&] { parse(app, {"--probe", "stlink:"}); });
    EXPECT_NE(std::string(e.what()).find("--probe 'stlink:'"), std::string::npos) << e.what();
    EXPECT_NE(e.remedy().find(std::string(probe::ProbeSelector::kForms)), std::string::npos) << e.remedy();
    EXPECT_FALSE(selector.has_value());
}

TEST(ConnectModeOption, ReadsTheModeAndLeavesAnOverrideUnsetWhenNotGiven)
{
    CLI::App app;
    std::optional<probe::connect::ConnectMode> mode;
    add_connect_mode_option(app, mode, "how to attach");
    parse(app, {});
    EXPECT_FALSE(mode.has_value());
    parse(app, {"--connect", "normal"});
    EXPECT_EQ(mode, probe::connect::ConnectMode::Plain);
}

TEST(ConnectModeOption, AnUnknownModeIsRefusedByTheParser)
{
    CLI::App app;
    probe::connect::ConnectMode mode = probe::connect::ConnectMode::Auto;
    add_connect_mode_option(app, mode, "how to attach");
    EXPECT_THROW(parse(app, {"--connect", "sideways"}), CLI::ValidationError);
    EXPECT_EQ(mode, probe::connect::ConnectMode::Auto);
}

TEST(DurationOption, ReadsEveryUnit)
{
    EXPECT_EQ(parse_duration("2.5s", "--for"), 2500ms);
    EXPECT_EQ(parse_duration("500ms", "--for"), 500ms);
    EXPECT_EQ(parse_duration("100us", "--for"), 100us);
    EXPECT_EQ(parse_duration("250ns", "--for"), 250ns);
    EXPECT_EQ(parse_duration("1min", "--for"), 60s);
}

TEST(DurationOption, NoDurationOrMoreThanAnHourIsAUsageErrorNamingTheOption)
{
    for (const char* text : {"3", "3x", "-1s", "s"}) {
        const Error e = usage_error([&] { (void)parse_duration(text, "--for"); });
        EXPECT_NE(std::string(e.what()).find("--for '" + std::string(text) + "'"), std::string::npos) << e.what();
    }
    EXPECT_EQ(parse_duration("60min", "--for"), 3600s);
    (void)usage_error([] { (void)parse_duration("61min", "--for"); });
}

TEST(DurationOption, IsReadWhileTheCommandLineIsParsed)
{
    CLI::App app;
    std::chrono::nanoseconds duration = 1s;
    add_duration_option(app, "--for", duration, "how long");
    parse(app, {"--for", "20ms"});
    EXPECT_EQ(duration, 20ms);
    (void)usage_error([&] { parse(app, {"--for", "soon"}); });
}

TEST(NumberOption, ReadsDecimalAndHex)
{
    EXPECT_EQ(parse_u32(std::string_view("12")), 12u);
    EXPECT_EQ(parse_u32(std::string_view("0x2000000C")), 0x2000000Cu);
    EXPECT_EQ(parse_u32(std::string_view("0XFFFFFFFF")), 0xFFFFFFFFu);
    EXPECT_EQ(parse_u32(std::string_view("0x")), std::nullopt);
    EXPECT_EQ(parse_u32(std::string_view("4294967296")), std::nullopt);
    EXPECT_EQ(parse_u32(std::string_view("12k")), std::nullopt);
    const Error e = usage_error([] { (void)parse_u32(std::string("0xG"), "VALUE"); });
    EXPECT_NE(std::string(e.what()).find("VALUE '0xG'"), std::string::npos) << e.what();
}

TEST(InputVariablesOption, SetsTheFirmwareFolderAndEveryAssignment)
{
    CLI::App app;
    suite::ParseOptions parse_options;
    add_input_variables_option(app, parse_options, "variables");
    EXPECT_TRUE(parse_options.variables.count("firmware_dir"));
    parse(app, {"--var", "board=bp-1", "--var", "empty="});
    EXPECT_EQ(parse_options.variables.at("board"), "bp-1");
    EXPECT_EQ(parse_options.variables.at("empty"), "");
}

TEST(InputVariablesOption, AnAssignmentWithoutANameIsAUsageError)
{
    CLI::App app;
    suite::ParseOptions parse_options;
    add_input_variables_option(app, parse_options, "variables");
    const Error e = usage_error([&] { parse(app, {"--var", "=x"}); });
    EXPECT_NE(std::string(e.what()).find("--var '=x'"), std::string::npos) << e.what();
}

}  // namespace
}  // namespace hiltest::cli
