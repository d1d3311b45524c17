// End to end: `hiltest run --bench` on several simulated boards at once, with hooks that
// record their calls, one board that cannot be reached, and the combined report.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/process.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "probe/base/external_command.hpp"
#include "tests/support/run_command_fixture.hpp"

namespace hiltest {
namespace {

using namespace hiltest::testing;
using nlohmann::json;
namespace fs = std::filesystem;

class BenchRun : public RunCommandTest {
protected:
    json read_json(const fs::path& path)
    {
        std::ifstream in(path);
        EXPECT_TRUE(in.good()) << "missing " << path;
        return in.good() ? json::parse(in) : json::object();
    }
};

json simulated_board(const std::string& name, const std::string& serial)
{
    return {{"name", name}, {"probe", "sim"}, {"simulated", {{"serial", serial}}},
            {"hooks", {{"before", "echo \"before $HILTEST_BOARD\" >> hooks.log"},
                       {"after", "echo \"after $HILTEST_BOARD\" >> hooks.log"}}}};
}

TEST_F(BenchRun, FourBoardsInParallelOneUnreachableBoardIsAttributedAndTotalsAddUp)
{
    json boards = json::array();
    for (int i = 1; i <= 3; ++i) boards.push_back(simulated_board("bp-" + std::to_string(i), "VIRTUALSERIAL000" + std::to_string(i)));
    // The fourth board still holds firmware that takes the SWD pins, and its NRST is not wired:
    // every strategy fails, the power-cycle hook runs (the script records it), and fails too.
    json stuck = simulated_board("stuck", "VIRTUALSERIAL0004");
    stuck["nrst_wired"] = false;
    stuck["simulated"]["firmware"] = "${firmware_dir}/swd_lockout.elf";
    stuck["hooks"]["power_cycle"] = {{"command", "echo \"$HILTEST_HOOK $HILTEST_BOARD\" >> power-cycles.log"},
                                     {"settle_ms", 100}};
    boards.push_back(stuck);
    const std::string bench = write_bench({{"name", "quad"}, {"boards", boards}});

    const CommandResult result = run(testsuite("blink"), {"--bench", bench, "--boards", "all"});
    EXPECT_EQ(result.exit_code, 3) << "one board could not be reached: an infrastructure error\n" << result.output;
    EXPECT_NE(result.output.find("hiltest: board stuck: cannot connect"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("[bp-2]"), std::string::npos) << "console lines carry the board\n" << result.output;

    // The hooks ran for every board, in the bench file's folder, the power cycle only for "stuck".
    const std::string hooks = read_file(dir_ / "hooks.log");
    for (const char* name : {"bp-1", "bp-2", "bp-3", "stuck"}) {
        EXPECT_NE(hooks.find(std::string("before ") + name + "\n"), std::string::npos) << hooks;
        EXPECT_NE(hooks.find(std::string("after ") + name + "\n"), std::string::npos) << hooks;
    }
    EXPECT_EQ(read_file(dir_ / "power-cycles.log"), "power_cycle stuck\n");

    // One report per board plus the combined one, whose totals are the boards' totals.
    std::set<std::string> serials;
    json sum = {{"tests", 0}, {"passed", 0}, {"errors", 0}};
    for (const char* name : {"bp-1", "bp-2", "bp-3", "stuck"}) {
        const json own = read_json(dir_ / "reports" / (std::string("blink.") + name + ".json"));
        ASSERT_EQ(own["runs"].size(), 1u) << name;
        const json& run = own["runs"][0];
        EXPECT_EQ(run["board"], name);
        for (const char* key : {"tests", "passed", "errors"}) sum[key] = sum[key].get<int>() + run["summary"][key].get<int>();
        if (std::string(name) == "stuck") {
            EXPECT_NE(run["error"].get<std::string>().find("SWD"), std::string::npos) << run["error"];
            EXPECT_NE(run["error"].get<std::string>().find("not wired"), std::string::npos) << run["error"];
            EXPECT_EQ(run["summary"]["passed"], 0);
            const json& connection = run["connection"];
            EXPECT_EQ(connection["power_cycles"], 1) << connection.dump(2);
            bool cycled = false;
            for (const json& attempt : connection["attempt_log"]) {
                cycled = cycled || attempt["strategy"] == "power-cycle";
                EXPECT_NE(attempt["strategy"], "under-reset") << "NRST is declared not wired";
            }
            EXPECT_TRUE(cycled) << connection.dump(2);
            bool recorded = false;
            for (const json& hook : run["hooks"]) recorded = recorded || (hook["hook"] == "power_cycle" && hook["exit_code"] == 0);
            EXPECT_TRUE(recorded) << run["hooks"].dump(2);
        } else {
            EXPECT_FALSE(run.contains("error")) << run["error"];
            EXPECT_EQ(run["summary"]["passed"], 3) << name;
            serials.insert(run["properties"]["probe_serial"].get<std::string>());
            EXPECT_EQ(run["hooks"].size(), 2u) << "before and after";
        }
    }
    EXPECT_EQ(serials, (std::set<std::string>{"VIRTUALSERIAL0001", "VIRTUALSERIAL0002", "VIRTUALSERIAL0003"}))
        << "each board talked to its own virtual ST-Link";

    const json combined = report("blink");
    EXPECT_EQ(combined["runs"].size(), 4u);
    for (const char* key : {"tests", "passed", "errors"}) EXPECT_EQ(combined["summary"][key], sum[key]) << key;
    EXPECT_EQ(combined["summary"]["passed"], 9);
    expect_valid_junit("blink");
    expect_valid_junit("blink.stuck");

    // `hiltest report merge` of the per-board reports says the same.
    std::vector<std::string> argv = {kHiltest, "report", "merge", (dir_ / "merged.json").string()};
    for (const char* name : {"bp-1", "bp-2", "bp-3", "stuck"})
        argv.push_back((dir_ / "reports" / (std::string("blink.") + name + ".json")).string());
    run_external_command(ExternalCommand(argv));
    const json merged = read_json(dir_ / "merged.json");
    EXPECT_EQ(merged["summary"], combined["summary"]);
}

TEST_F(BenchRun, CtrlCStopsEveryBoardAndTheAfterHooksStillRun)
{
    // A simulated day of waiting on each board: far longer than it takes to see both start.
    const fs::path suite = dir_ / "long.json";
    std::ofstream(suite) << R"({
      "name": "long", "probe": "sim", "firmware": ")" + kFirmware + R"(/blink_systick.elf",
      "tests": [
        {"name": "start", "steps": [{"do": "flash"}, {"do": "reset", "mode": "run"}]},
        {"name": "long wait", "timeout_ms": 86400000, "steps": [{"do": "wait", "ms": 80000000, "timeout_ms": 86400000}]}]})";
    const std::string bench =
        write_bench({{"boards", {simulated_board("left", "VIRTUALLEFT"), simulated_board("right", "VIRTUALRIGHT")}}});
    namespace bp = boost::process;
    bp::ipstream out;
    bp::child child(bp::exe = kHiltest, bp::args = {"run", suite.string(), "--bench", bench, "--report-dir", (dir_ / "reports").string()},
                    bp::std_out > out, bp::std_err > bp::null);
    std::string line;
    std::string seen;
    int started = 0;
    while (started < 2 && std::getline(out, line)) {
        seen += line + "\n";
        if (line.find("PASS") != std::string::npos && line.find("start") != std::string::npos) ++started;
    }
    ASSERT_EQ(started, 2) << seen;
    ASSERT_EQ(::kill(child.id(), SIGINT), 0);  // what Ctrl-C sends
    while (std::getline(out, line)) seen += line + "\n";
    child.wait();
    EXPECT_EQ(child.exit_code(), 130) << seen;

    const json combined = report("long");
    ASSERT_EQ(combined["runs"].size(), 2u);
    for (const json& run : combined["runs"]) {
        EXPECT_EQ(run["interrupted"], true) << run["board"];
        // "long wait" is interrupted, or (when the signal came between the tests) never started.
        if (run["tests"].size() > 1) {
            EXPECT_EQ(run["tests"][1]["status"], "interrupted") << run["board"];
        }
    }
    const std::string hooks = read_file(dir_ / "hooks.log");
    EXPECT_NE(hooks.find("after left"), std::string::npos) << hooks;
    EXPECT_NE(hooks.find("after right"), std::string::npos) << hooks;
}

TEST_F(BenchRun, BoardsCanBePickedByName)
{
    const std::string bench = write_bench(
        {{"boards", {simulated_board("left", "VIRTUALLEFT"), simulated_board("right", "VIRTUALRIGHT")}}});
    const CommandResult result = run(testsuite("blink"), {"--bench", bench, "--boards", "right"});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(report("blink")["runs"].size(), 1u);
    EXPECT_EQ(report("blink")["runs"][0]["board"], "right");
    EXPECT_FALSE(fs::exists(dir_ / "reports" / "blink.left.json"));

    const CommandResult typo = run(testsuite("blink"), {"--bench", bench, "--boards", "rihgt"});
    EXPECT_EQ(typo.exit_code, 2) << typo.output;
    EXPECT_NE(typo.output.find("did you mean \"right\""), std::string::npos) << typo.output;
}

TEST_F(BenchRun, AFailingBeforeHookStopsOnlyItsBoardAndTheAfterHookStillRuns)
{
    json broken = simulated_board("relay-jammed", "VIRTUALJAM");
    broken["hooks"]["before"] = "echo relay 3 does not switch; exit 7";
    const std::string bench = write_bench({{"boards", {broken, simulated_board("fine", "VIRTUALFINE")}}});
    const CommandResult result = run(testsuite("blink"), {"--bench", bench});
    EXPECT_EQ(result.exit_code, 3) << result.output;
    const json jammed = read_json(dir_ / "reports" / "blink.relay-jammed.json")["runs"][0];
    EXPECT_NE(jammed["error"].get<std::string>().find("before hook"), std::string::npos) << jammed["error"];
    EXPECT_NE(jammed["error"].get<std::string>().find("relay 3 does not switch"), std::string::npos) << jammed["error"];
    EXPECT_EQ(jammed["connection"].value("attempts", 0), 0) << "the probe was never touched";
    EXPECT_NE(read_file(dir_ / "hooks.log").find("after relay-jammed"), std::string::npos);
    EXPECT_EQ(read_json(dir_ / "reports" / "blink.fine.json")["runs"][0]["summary"]["passed"], 3);
}

TEST_F(BenchRun, OptionsThatNameOneProbeCannotBeCombinedWithABench)
{
    const std::string bench = write_bench({{"boards", {simulated_board("a", "VIRTUALA")}}});
    for (const std::vector<std::string>& extra : {std::vector<std::string>{"--probe", "sim"},
                                                 std::vector<std::string>{"--power-cycle", "true"}}) {
        std::vector<std::string> args = {"--bench", bench};
        args.insert(args.end(), extra.begin(), extra.end());
        const CommandResult result = run(testsuite("blink"), args);
        EXPECT_EQ(result.exit_code, 2) << result.output;
        EXPECT_NE(result.output.find("cannot be combined with --bench"), std::string::npos) << result.output;
    }
    const CommandResult no_bench = run(testsuite("blink"), {"--boards", "a"});
    EXPECT_EQ(no_bench.exit_code, 2) << no_bench.output;
}

TEST_F(BenchRun, BenchCheckSaysWhichBoardsAnswerWithoutFlashing)
{
    json stuck = simulated_board("stuck", "VIRTUALSTUCK");
    stuck["nrst_wired"] = false;
    stuck["simulated"]["firmware"] = "${firmware_dir}/swd_lockout.elf";
    const std::string bench = write_bench({{"name", "desk"}, {"boards", {simulated_board("good", "VIRTUALGOOD"), stuck}}});
    const CommandResult result =
        run_external_command(ExternalCommand({kHiltest, "bench", "check", bench, "--var", "firmware_dir=" + kFirmware}));
    EXPECT_EQ(result.exit_code, 3) << result.output;
    EXPECT_NE(result.output.find("bench desk: checking 2 boards"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("good   ok      STM32F103 medium density, ST-Link VIRTUALGOOD, via plain"), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("stuck  FAILED  cannot connect"), std::string::npos) << result.output;
    EXPECT_NE(read_file(dir_ / "hooks.log").find("after stuck"), std::string::npos) << "hooks run as in a run";

    const CommandResult good_only = run_external_command(
        ExternalCommand({kHiltest, "bench", "check", bench, "--boards", "good", "--var", "firmware_dir=" + kFirmware}));
    EXPECT_EQ(good_only.exit_code, 0) << good_only.output;
    EXPECT_NE(good_only.output.find("every board answered"), std::string::npos) << good_only.output;
}

TEST_F(BenchRun, AMalformedBenchFileIsAUsageErrorWithItsPosition)
{
    const fs::path path = dir_ / "bench.json";
    std::ofstream(path) << "{\n  \"boards\": [\n    {\"name\": \"a\", \"probe\": \"usb\"}\n  ]\n}\n";
    const CommandResult result = run(testsuite("blink"), {"--bench", path.string()});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("bench.json:3:"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("stlink:SERIAL"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace hiltest
