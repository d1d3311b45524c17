// End to end: the real hiltest binary, run as a user runs it, on the suites in testsuites/ and on
// broken suites, against the simulated board. Checks exit codes, JUnit against the XSD, and the
// JSON report field by field.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/process.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <nlohmann/json.hpp>

#include "probe/base/external_command.hpp"
#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
using RunCommand = RunCommandTest;
using nlohmann::json;
namespace fs = std::filesystem;

TEST_F(RunCommand, BlinkSuitePassesOnTheSimulatedBluePill)
{
    const CommandResult result = run(testsuite("blink"));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    expect_valid_junit("blink");
    const json r = report("blink");
    EXPECT_EQ(r["schema"], "hiltest-report");
    const json& run = r["runs"][0];
    EXPECT_EQ(run["suite"], "blink");
    ASSERT_EQ(run["tests"].size(), 3u);
    for (const json& test : run["tests"]) EXPECT_EQ(test["status"], "passed") << test.dump(2);
    EXPECT_EQ(run["connection"]["attempts"], 1);
    EXPECT_EQ(run["connection"]["strategy"], "plain");
    EXPECT_EQ(run["flash"]["verified"], true);
    EXPECT_EQ(run["properties"]["probe"], "sim");
    EXPECT_EQ(run["properties"]["firmware_sha256"].get<std::string>().size(), 64u);
    const json& blink_step = run["tests"][2]["steps"][0];
    EXPECT_EQ(blink_step["kind"], "expect_blink");
    EXPECT_NEAR(blink_step["measurements"]["frequency_hz"].get<double>(), 1.0, 0.05);
}

TEST_F(RunCommand, LockoutSuiteReconnectsUnderReset)
{
    const CommandResult result = run(testsuite("lockout"));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    expect_valid_junit("lockout");
    const json connection = report("lockout")["runs"][0]["connection"];
    EXPECT_GE(connection["attempts"].get<int>(), 2) << connection.dump(2);
    EXPECT_EQ(connection["successes_by_strategy"]["under-reset"], 1) << connection.dump(2);
    EXPECT_GE(connection["errors_by_kind"]["target-not-responding"].get<int>(), 1) << connection.dump(2);
}

TEST_F(RunCommand, HardfaultSemihostingAndEveryStepSuitesPass)
{
    for (const std::string name : {"hardfault", "semihosting", "semihost-console", "newlib-rdimon", "every-step"}) {
        const CommandResult result = run(testsuite(name));
        EXPECT_EQ(result.exit_code, 0) << name << "\n" << result.output;
        expect_valid_junit(name);
    }
    EXPECT_NE(report("semihosting")["runs"][0]["tests"][0]["output"].get<std::string>().find("Hello from the Blue Pill"),
              std::string::npos);
    // The suite's "semihosting" reached the probe-side host: its command line and stdin made the greeting.
    EXPECT_NE(report("semihost-console")["runs"][0]["tests"][0]["output"].get<std::string>().find("Hello Blue Pill\n"),
              std::string::npos);
    // newlib's printf formatted the number and its fgets read the suite's stdin.
    EXPECT_NE(report("newlib-rdimon")["runs"][0]["tests"][0]["output"].get<std::string>().find("newlib says 42\n"),
              std::string::npos);
}

TEST_F(RunCommand, BenchSuiteWithoutAnStlinkIsAnInfrastructureError)
{
    const CommandResult result = run(testsuite("bench-blink"));
    EXPECT_EQ(result.exit_code, 3) << result.output;
    expect_valid_junit("bench-blink");
}

TEST_F(RunCommand, WrongBlinkFrequencyFailsWithExpectedAndMeasured)
{
    const std::string suite = write_suite("wrong-blink", R"({
      "name": "wrong-blink", "probe": "sim", "firmware": ")" + kFirmware + R"(/blink_systick.elf",
      "tests": [{"name": "blinks at 2 Hz", "steps": [
        {"do": "flash"}, {"do": "reset", "mode": "run"},
        {"do": "expect_blink", "pin": "PC13", "frequency_hz": 2, "tolerance_percent": 10, "window_ms": 3000}]}]})");
    const CommandResult result = run(suite);
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("expected 2 Hz"), std::string::npos) << result.output;
    // 1 Hz to within the step's accuracy (0.1 %), shown to four digits.
    EXPECT_TRUE(std::regex_search(result.output, std::regex("measured (0\\.999[0-9]|1\\.00[01]) Hz"))) << result.output;
    expect_valid_junit("wrong-blink");
}

// The firmware stores to CRC_DR (ldr r0, =0x40023000; str r0, [r0]; b .): the simulated
// board only stores it, so the run passes and its reports say where the model stopped.
TEST_F(RunCommand, TheReportsWarnWhereTheSimulatorDoesNotModelWhatTheFirmwareUsed)
{
    const std::vector<uint8_t> code = {0x00, 0x50, 0x00, 0x20, 0x09, 0x00, 0x00, 0x08, 0x01, 0x48, 0x00, 0x60,
                                       0xFE, 0xE7, 0x00, 0xBF, 0x00, 0x30, 0x02, 0x40};
    const fs::path image = dir_ / "crc.bin";
    std::ofstream(image, std::ios::binary).write(reinterpret_cast<const char*>(code.data()), std::streamsize(code.size()));
    const std::string suite = write_suite("crc", R"({
      "name": "crc", "probe": "sim", "firmware": ")" + image.string() + R"(",
      "tests": [{"name": "runs", "steps": [{"do": "flash"}, {"do": "reset", "mode": "run"}, {"do": "wait", "ms": 10}]}]})");
    const CommandResult result = run(suite);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("WARNING the simulator does not model what the firmware used: CRC (0x40023000)"),
              std::string::npos)
        << result.output;
    const json warnings = report("crc")["runs"][0]["warnings"];
    ASSERT_EQ(warnings.size(), 1u) << warnings;
    EXPECT_NE(warnings[0].get<std::string>().find("CRC (0x40023000): stored only"), std::string::npos) << warnings;
    expect_valid_junit("crc");
    EXPECT_NE(read_file(dir_ / "reports" / "crc.junit.xml").find("<system-err>warning: the simulator does not model"),
              std::string::npos);
}

TEST_F(RunCommand, WrongMemoryValueFailsWithExpectedAndMeasured)
{
    const std::string suite = write_suite("wrong-memory", R"({
      "name": "wrong-memory", "probe": "sim", "firmware": ")" + kFirmware + R"(/counter.elf",
      "tests": [{"name": "magic", "steps": [
        {"do": "flash"}, {"do": "reset", "mode": "run"},
        {"do": "expect_memory", "symbol": "counter_block", "equals": "0x12345678"}]}]})");
    const CommandResult result = run(suite);
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("expected 0x12345678"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("0x48494C54"), std::string::npos) << result.output;
}

TEST_F(RunCommand, LockoutWithoutNrstTellsTheUserToHoldResetOrPowerCycle)
{
    std::ifstream in(testsuite("lockout"));
    json suite = json::parse(in);
    suite["simulated_board"]["nrst_wired"] = false;
    suite["connection"]["retries"] = 2;
    suite.erase("$schema");
    const CommandResult result = run(write_suite("lockout-no-nrst", suite.dump()));
    EXPECT_EQ(result.exit_code, 3) << "the board cannot be reached again: an infrastructure error\n" << result.output;
    EXPECT_NE(result.output.find("communication failure"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("hold the board's RESET button"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("power-cycle"), std::string::npos) << result.output;
    expect_valid_junit("lockout");
    const json connection = report("lockout")["runs"][0]["connection"];
    EXPECT_EQ(connection["successes_by_strategy"].value("under-reset", 0), 0) << connection.dump(2);
    EXPECT_GE(connection["failures"].get<int>(), 1) << connection.dump(2);
}

TEST_F(RunCommand, ShardsCoverEveryTestOnceAndMergeAddsUp)
{
    std::string tests;
    for (const char* name : {"delta", "alpha", "echo", "charlie", "bravo"}) {
        if (!tests.empty()) tests += ",";
        tests += std::string(R"({"name": ")") + name +
                 R"(", "steps": [{"do": "reset", "mode": "halt"}, {"do": "expect_memory", "address": "0x1FFFF7E0", "width": 16, "equals": 64}]})";
    }
    const std::string suite = write_suite("sharded", R"({"name": "sharded", "probe": "sim", "tests": [)" + tests + "]}");
    std::vector<std::string> reports;
    std::multiset<std::string> seen;
    for (const std::string shard : {"1/3", "2/3", "3/3"}) {
        const std::string json_path = (dir_ / ("shard-" + shard.substr(0, 1) + ".json")).string();
        const CommandResult result = run(suite, {"--shard", shard, "--json", json_path});
        ASSERT_EQ(result.exit_code, 0) << result.output;
        std::ifstream in(json_path);
        const json shard_report = json::parse(in);
        for (const json& test : shard_report["runs"][0]["tests"]) seen.insert(test["name"].get<std::string>());
        reports.push_back(json_path);
    }
    EXPECT_EQ(seen, (std::multiset<std::string>{"alpha", "bravo", "charlie", "delta", "echo"}));

    // Into a folder that does not exist yet, as in a CI job that only downloaded the shards.
    std::vector<std::string> argv = {kHiltest, "report", "merge", (dir_ / "merged" / "all.json").string()};
    argv.insert(argv.end(), reports.begin(), reports.end());
    argv.insert(argv.end(), {"--junit", (dir_ / "merged" / "all.xml").string()});
    const CommandResult merged = run_external_command(ExternalCommand(argv));
    ASSERT_EQ(merged.exit_code, 0) << merged.output;
    EXPECT_TRUE(fs::exists(dir_ / "merged" / "all.xml"));
    std::ifstream in(dir_ / "merged" / "all.json");
    const json all = json::parse(in);
    EXPECT_EQ(all["runs"].size(), 3u);
    EXPECT_EQ(all["summary"]["tests"], 5) << all["summary"].dump(2);
    EXPECT_EQ(all["summary"]["passed"], 5) << all["summary"].dump(2);
    EXPECT_EQ(all["totals"]["connection"]["connections"], 3) << "one connection per shard";
    EXPECT_EQ(run(suite, {"--shard", "4/3"}).exit_code, 2);
}

TEST_F(RunCommand, ShardsNeverSeparateATestFromItsDependency)
{
    // blink.json: two tests depend on "flash and start". Split in two, a shard without the
    // flash test used to skip them both.
    json totals = {{"passed", 0}, {"skipped", 0}, {"tests", 0}};
    for (const std::string shard : {"1/2", "2/2"}) {
        const std::string json_path = (dir_ / ("blink-" + shard.substr(0, 1) + ".json")).string();
        const CommandResult result = run(testsuite("blink"), {"--shard", shard, "--json", json_path});
        ASSERT_EQ(result.exit_code, 0) << result.output;
        std::ifstream in(json_path);
        const json summary = json::parse(in)["summary"];
        for (const char* key : {"passed", "skipped", "tests"}) totals[key] = totals[key].get<int>() + summary[key].get<int>();
    }
    EXPECT_EQ(totals["tests"], 3) << totals.dump();
    EXPECT_EQ(totals["passed"], 3) << totals.dump();
    EXPECT_EQ(totals["skipped"], 0) << totals.dump();
}

TEST_F(RunCommand, InterruptStopsTheRunAndStillWritesReports)
{
    // A simulated day of waiting: far longer than it takes to see the first test pass.
    const std::string suite = write_suite("interrupted", R"({
      "name": "interrupted", "probe": "sim", "firmware": ")" + kFirmware + R"(/blink_systick.elf",
      "tests": [
        {"name": "start", "steps": [{"do": "flash"}, {"do": "reset", "mode": "run"}]},
        {"name": "long wait", "timeout_ms": 86400000, "steps": [{"do": "wait", "ms": 80000000, "timeout_ms": 86400000}]},
        {"name": "never reached", "steps": [{"do": "halt"}]}]})");
    namespace bp = boost::process;
    bp::ipstream out;
    bp::child child(bp::exe = kHiltest, bp::args = {"run", suite, "--report-dir", (dir_ / "reports").string()},
                    bp::std_out > out, bp::std_err > bp::null);
    std::string line;
    std::string seen;
    while (std::getline(out, line)) {
        seen += line + "\n";
        if (line.find("PASS") != std::string::npos && line.find("start") != std::string::npos) break;
    }
    ASSERT_NE(seen.find("start"), std::string::npos) << seen;
    ASSERT_EQ(::kill(child.id(), SIGINT), 0);  // what Ctrl-C sends
    while (std::getline(out, line)) seen += line + "\n";
    child.wait();
    EXPECT_EQ(child.exit_code(), 130) << seen;

    const json run_report = report("interrupted")["runs"][0];
    EXPECT_EQ(run_report["interrupted"], true);
    // The test that was running (if the signal came during one) is interrupted; the tests never
    // started are only counted.
    ASSERT_GE(run_report["tests"].size(), 1u);
    ASSERT_LE(run_report["tests"].size(), 2u);
    EXPECT_EQ(run_report["tests"][0]["status"], "passed");
    if (run_report["tests"].size() == 2) {
        EXPECT_EQ(run_report["tests"][1]["status"], "interrupted");
    }
    expect_valid_junit("interrupted");
}

TEST_F(RunCommand, MalformedSuitesAreUsageErrorsWithAPreciseMessage)
{
    struct Case {
        std::string name;
        std::string text;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"bad-json", R"({"name": "x", "probe": "sim", "tests": [)", "bad-json.json:1:"},
        {"wrong-type", R"({"name": 5, "probe": "sim", "tests": [{"name": "t", "steps": [{"do": "halt"}]}]})",
         "wrong-type.json:1:10: name"},
        {"unknown-step", R"({"name": "x", "probe": "sim", "tests": [{"name": "t", "steps": [{"do": "jump"}]}]})",
         "jump"},
        {"missing-firmware",
         R"({"name": "x", "probe": "sim", "firmware": "no-such.elf", "tests": [{"name": "t", "steps": [{"do": "flash"}]}]})",
         "no-such.elf"},
        {"failing-build",
         R"({"name": "x", "probe": "sim", "firmware": {"path": "never.elf", "build": {"command": ["sh", "-c", "echo compiler says no; exit 7"]}},
             "tests": [{"name": "t", "steps": [{"do": "flash"}]}]})",
         "compiler says no"},
    };
    for (const Case& c : cases) {
        const CommandResult result = run(write_suite(c.name, c.text));
        EXPECT_EQ(result.exit_code, 2) << c.name << "\n" << result.output;
        EXPECT_NE(result.output.find(c.message), std::string::npos) << c.name << "\n" << result.output;
    }
}

}  // namespace
}  // namespace hiltest
