// End to end: the on-target test-framework fixtures (unity_demo, tap_demo and their failing
// variants) under `hiltest sim run`, their semihosting and UART output fed to the parsers a
// run_tests step uses (runner/ontarget), and the select feature through SYS_GET_CMDLINE.
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "runner/ontarget/output_parser.hpp"
#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
using ontarget::OutputFormat;
using ontarget::Outcome;
using ontarget::TestRun;

struct SimOutput {
    int exit_code = -1;
    std::string semihosting;
    std::string uart1;
    std::string all;
};

// `sim run` prints "uart (USART1 TX, N bytes):\n" followed by exactly N bytes, and
// "semihosting output:\n" followed by the text up to the "final state:" line.
SimOutput sim_run(const std::string& image, const std::string& command_line = "")
{
    std::vector<std::string> argv = {kHiltest, "sim", "run", kFirmware + "/" + image + ".elf", "--for", "1s", "--uart"};
    if (!command_line.empty()) {
        argv.push_back("--semihosting-cmdline");
        argv.push_back(command_line);
    }
    const CommandResult result = run_program(argv);
    SimOutput out{result.exit_code, "", "", result.output};
    const std::string uart_header = "uart (USART1 TX, ";
    if (const auto at = result.output.find(uart_header); at != std::string::npos) {
        const std::size_t bytes = std::stoul(result.output.substr(at + uart_header.size()));
        const auto start = result.output.find(":\n", at) + 2;
        out.uart1 = result.output.substr(start, bytes);
    }
    const std::string semihosting_header = "semihosting output:\n";
    if (const auto at = result.output.find(semihosting_header); at != std::string::npos) {
        const auto start = at + semihosting_header.size();
        out.semihosting = result.output.substr(start, result.output.rfind("final state:") - start);
    }
    return out;
}

TestRun parse(OutputFormat format, const std::string& text)
{
    auto parser = ontarget::make_output_parser(format);
    parser->feed(text);
    parser->end_of_output();
    return parser->run();
}

std::size_t count(const TestRun& run, Outcome outcome)
{
    std::size_t n = 0;
    for (const auto& c : run.cases) n += c.outcome == outcome;
    return n;
}

const ontarget::CaseResult* find_case(const TestRun& run, const std::string& name)
{
    for (const auto& c : run.cases)
        if (c.name == name) return &c;
    return nullptr;
}

// The line of the fixture's source that carries `marker`, 1-based: where the failing check is.
std::uint32_t line_with(const std::string& fixture, const std::string& marker)
{
    std::ifstream source(std::string(HILTEST_SOURCE_DIR) + "/fixtures/firmware/" + fixture + "/main.c");
    std::string line;
    for (std::uint32_t number = 1; std::getline(source, line); ++number)
        if (line.find(marker) != std::string::npos) return number;
    ADD_FAILURE() << marker << " not in " << fixture << "/main.c";
    return 0;
}

TEST(OntargetFixtures, UnityDemoPassesOnBothChannels)
{
    const SimOutput out = sim_run("unity_demo");
    EXPECT_EQ(out.exit_code, 0) << out.all;
    EXPECT_EQ(out.all.find("fidelity warning"), std::string::npos) << out.all;
    EXPECT_EQ(out.uart1, out.semihosting) << "both channels carry the same text";
    for (const std::string* text : {&out.semihosting, &out.uart1}) {
        const TestRun run = parse(OutputFormat::Unity, *text);
        EXPECT_TRUE(run.finished) << *text;
        EXPECT_FALSE(run.incomplete());
        EXPECT_EQ(run.cases.size(), 5u) << *text;
        EXPECT_EQ(count(run, Outcome::Passed), 5u);
        EXPECT_EQ(run.summary.tests, 5u);
        EXPECT_EQ(run.summary.failures, 0u);
        EXPECT_EQ(run.summary.ignored, 0u);
        ASSERT_NE(find_case(run, "test_crc32_check_value"), nullptr);
        EXPECT_EQ(find_case(run, "test_crc32_check_value")->file, "main.c");
    }
    EXPECT_NE(out.all.find("exited through semihosting with status 0"), std::string::npos) << out.all;
}

TEST(OntargetFixtures, UnityDemoFailingReportsOneFailureAndOneIgnored)
{
    const SimOutput out = sim_run("unity_demo_failing");
    EXPECT_EQ(out.exit_code, 1) << "status 1 is a failure exit\n" << out.all;
    EXPECT_NE(out.all.find("exited through semihosting with status 1"), std::string::npos) << out.all;
    EXPECT_EQ(out.all.find("fidelity warning"), std::string::npos) << out.all;
    for (const std::string* text : {&out.semihosting, &out.uart1}) {
        const TestRun run = parse(OutputFormat::Unity, *text);
        EXPECT_TRUE(run.finished) << *text;
        EXPECT_EQ(run.cases.size(), 7u) << *text;
        EXPECT_EQ(count(run, Outcome::Passed), 5u);
        EXPECT_EQ(count(run, Outcome::Failed), 1u);
        EXPECT_EQ(count(run, Outcome::Skipped), 1u);
        EXPECT_EQ(run.summary.tests, 7u);
        EXPECT_EQ(run.summary.failures, 1u);
        EXPECT_EQ(run.summary.ignored, 1u);
        const auto* failed = find_case(run, "test_ring_buffer_holds_eight");
        ASSERT_NE(failed, nullptr) << *text;
        EXPECT_EQ(failed->outcome, Outcome::Failed);
        EXPECT_EQ(failed->message, "Expected 8 Was 7");  // the ring keeps one of its 8 slots free
        EXPECT_EQ(failed->file, "main.c");
        EXPECT_EQ(failed->line, line_with("unity_demo", "unity_demo_failing: the failing assertion"));
        const auto* ignored = find_case(run, "test_crc32_table_driven");
        ASSERT_NE(ignored, nullptr) << *text;
        EXPECT_EQ(ignored->outcome, Outcome::Skipped);
        EXPECT_EQ(ignored->message, "no lookup table in this build");
    }
}

TEST(OntargetFixtures, UnityDemoRunsOnlyTheSelectedCases)
{
    const SimOutput out = sim_run("unity_demo_failing", "ring_buffer");
    const TestRun run = parse(OutputFormat::Unity, out.semihosting);
    EXPECT_TRUE(run.finished) << out.semihosting;
    ASSERT_EQ(run.cases.size(), 2u) << out.semihosting;
    EXPECT_EQ(run.cases[0].name, "test_ring_buffer_keeps_order_across_wrap");
    EXPECT_EQ(run.cases[1].name, "test_ring_buffer_holds_eight");
    EXPECT_EQ(run.summary.tests, 2u);
    EXPECT_EQ(out.exit_code, 1) << out.all;

    const SimOutput passing = sim_run("unity_demo_failing", "crc32_check");
    EXPECT_EQ(parse(OutputFormat::Unity, passing.uart1).cases.size(), 1u) << passing.uart1;
    EXPECT_EQ(passing.exit_code, 0) << "only a passing case ran\n" << passing.all;
}

TEST(OntargetFixtures, TapDemoPassesWithOneSkip)
{
    const SimOutput out = sim_run("tap_demo");
    EXPECT_EQ(out.exit_code, 0) << out.all;
    EXPECT_EQ(out.all.find("fidelity warning"), std::string::npos) << out.all;
    const TestRun run = parse(OutputFormat::Tap, out.semihosting);
    EXPECT_TRUE(run.finished) << out.semihosting;
    EXPECT_TRUE(run.missing.empty());
    EXPECT_EQ(run.cases.size(), 5u) << out.semihosting;
    EXPECT_EQ(count(run, Outcome::Passed), 4u);
    EXPECT_EQ(count(run, Outcome::Skipped), 1u);
    const auto* skipped = find_case(run, "crc32_table_driven");
    ASSERT_NE(skipped, nullptr) << out.semihosting;
    EXPECT_EQ(skipped->outcome, Outcome::Skipped);
    EXPECT_EQ(skipped->message, "no lookup table in this build");
}

TEST(OntargetFixtures, TapDemoFailingCarriesItsYamlDiagnostics)
{
    const SimOutput out = sim_run("tap_demo_failing");
    EXPECT_EQ(out.exit_code, 1) << out.all;
    const TestRun run = parse(OutputFormat::Tap, out.semihosting);
    EXPECT_TRUE(run.finished) << out.semihosting;
    EXPECT_EQ(run.cases.size(), 6u) << out.semihosting;
    EXPECT_EQ(count(run, Outcome::Failed), 1u);
    EXPECT_EQ(count(run, Outcome::Skipped), 1u);
    const auto* failed = find_case(run, "isqrt_rounds_up");
    ASSERT_NE(failed, nullptr) << out.semihosting;
    EXPECT_EQ(failed->outcome, Outcome::Failed);
    EXPECT_EQ(failed->message, "isqrt(99) should round up to 10");
    EXPECT_EQ(failed->file, "main.c");
    EXPECT_EQ(failed->line, line_with("tap_demo", "tap_demo_failing: the failing check"));
}

TEST(OntargetFixtures, TapDemoPlansOnlyTheSelectedCases)
{
    const SimOutput out = sim_run("tap_demo_failing", "crc32");
    EXPECT_NE(out.semihosting.find("1..2\n"), std::string::npos) << out.semihosting;
    const TestRun run = parse(OutputFormat::Tap, out.semihosting);
    EXPECT_TRUE(run.finished) << out.semihosting;
    ASSERT_EQ(run.cases.size(), 2u);
    EXPECT_EQ(run.cases[0].name, "crc32_of_check_string");
    EXPECT_EQ(run.cases[1].name, "crc32_table_driven");
    EXPECT_EQ(out.exit_code, 0) << "the failing case was not selected\n" << out.all;
}

}  // namespace
}  // namespace hiltest
