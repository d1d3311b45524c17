// End to end: the firmware's own test runs through `hiltest run` (run_tests) — every case its own
// JUnit test case (valid against the Jenkins XSD) and JSON entry, failing and ignored cases
// reported as failed and skipped with the framework's message and file:line, on the simulated
// board (ontarget_usb_e2e_test.cpp runs them over real USB).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
using OnTargetSuites = RunCommandTest;

constexpr int kExitTestFailed = 1;  // runner/cli/exit_code.hpp

std::string read_text(const fs::path& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string failing_suite(const std::string& name, const std::string& firmware, const std::string& run_tests)
{
    return R"({"name": ")" + name + R"(", "probe": "sim", "firmware": ")" + kFirmware + "/" + firmware + R"(",
        "tests": [{"name": "unit tests", "steps": [{"do": "flash"}, {"do": "reset"}, )" + run_tests + R"(]}]})";
}

const json* find_case(const json& cases, const std::string& name)
{
    for (const json& c : cases)
        if (c["name"] == name) return &c;
    return nullptr;
}

TEST_F(OnTargetSuites, TheExampleSuitesPassWithEveryCaseCounted)
{
    const CommandResult unity = run(testsuite("unity"));
    ASSERT_EQ(unity.exit_code, 0) << unity.output;
    EXPECT_EQ(report("unity")["summary"]["on_target_cases"]["passed"], 11) << "5 + 5 + the one selected";
    expect_valid_junit("unity");
    const CommandResult tap = run(testsuite("tap"));
    ASSERT_EQ(tap.exit_code, 0) << tap.output;
    EXPECT_EQ(report("tap")["summary"]["on_target_cases"]["skipped"], 2);
    expect_valid_junit("tap");
}

TEST_F(OnTargetSuites, AFailingAndAnIgnoredUnityCaseAreFailedAndSkippedWithTheirMessages)
{
    for (const std::string source : {"semihosting", "uart1"}) {
        const std::string name = "unity-failing-" + source;
        const CommandResult result = run(write_suite(name, failing_suite(name, "unity_demo_failing.elf",
            R"({"do": "run_tests", "format": "unity", "source": ")" + source + R"(", "timeout_ms": 5000})")));
        EXPECT_EQ(result.exit_code, kExitTestFailed) << result.output;
        const json run = report(name)["runs"][0];
        const json& step = run["tests"][0]["steps"][2];
        EXPECT_EQ(step["status"], "failed");
        ASSERT_EQ(step["cases"].size(), 7u) << step.dump(2);
        const json* failed = find_case(step["cases"], "test_ring_buffer_holds_eight");
        ASSERT_NE(failed, nullptr);
        EXPECT_EQ((*failed)["status"], "failed");
        EXPECT_EQ((*failed)["message"], "Expected 8 Was 7");
        EXPECT_EQ((*failed)["file"], "main.c");
        EXPECT_EQ((*failed)["line"], 149);
        const json* ignored = find_case(step["cases"], "test_crc32_table_driven");
        ASSERT_NE(ignored, nullptr);
        EXPECT_EQ((*ignored)["status"], "skipped");
        EXPECT_EQ((*ignored)["message"], "no lookup table in this build");
        const json& cases = run["summary"]["on_target_cases"];
        EXPECT_EQ(cases["cases"], 7);
        EXPECT_EQ(cases["passed"], 5);
        EXPECT_EQ(cases["failed"], 1);
        EXPECT_EQ(cases["skipped"], 1);
        EXPECT_NE(step["message"].get<std::string>().find("first test_ring_buffer_holds_eight (main.c:149): Expected 8 Was 7"),
                  std::string::npos)
            << step["message"];

        expect_valid_junit(name);
        const std::string xml = read_text(dir_ / "reports" / (name + ".junit.xml"));
        EXPECT_NE(xml.find("tests=\"8\" failures=\"2\" errors=\"0\" skipped=\"1\""), std::string::npos)
            << "the hiltest test and its 7 cases:\n" << xml;
        EXPECT_NE(xml.find("<testcase name=\"test_ring_buffer_holds_eight\" classname=\"" + name + ".unit tests\""),
                  std::string::npos) << xml;
        EXPECT_NE(xml.find("<failure type=\"assertion-failed\" message=\"main.c:149: Expected 8 Was 7\">"), std::string::npos);
        EXPECT_NE(xml.find("<skipped>main.c:154: no lookup table in this build</skipped>"), std::string::npos) << xml;
        EXPECT_NE(result.output.find("      FAIL  test_ring_buffer_holds_eight\n            main.c:149: Expected 8 Was 7"),
                  std::string::npos) << result.output;
    }
}

TEST_F(OnTargetSuites, AFailingTapCaseCarriesItsYamlMessage)
{
    const CommandResult result = run(write_suite("tap-failing", failing_suite("tap-failing", "tap_demo_failing.elf",
        R"({"do": "run_tests", "format": "tap", "timeout_ms": 2000})")));
    EXPECT_EQ(result.exit_code, kExitTestFailed) << result.output;
    const json step = report("tap-failing")["runs"][0]["tests"][0]["steps"][2];
    const json* failed = find_case(step["cases"], "isqrt_rounds_up");
    ASSERT_NE(failed, nullptr) << step.dump(2);
    EXPECT_EQ((*failed)["status"], "failed");
    EXPECT_NE((*failed)["message"].get<std::string>().find("isqrt(99) should round up to 10"), std::string::npos);
    EXPECT_EQ((*failed)["line"], 61);
    expect_valid_junit("tap-failing");
}

TEST_F(OnTargetSuites, ARunThatNeverFinishesFailsSayingSo)
{
    const CommandResult result = run(write_suite("unfinished", failing_suite("unfinished", "unity_demo.elf",
        R"({"do": "run_tests", "format": "unity", "timeout_ms": 2})")));
    EXPECT_EQ(result.exit_code, kExitTestFailed) << result.output;
    const json step = report("unfinished")["runs"][0]["tests"][0]["steps"][2];
    EXPECT_EQ(step["measurements"]["finished"], false);
    EXPECT_NE(step["message"].get<std::string>().find("printed no end of the run within 2 ms"), std::string::npos)
        << step.dump(2);
}

}  // namespace
}  // namespace hiltest
