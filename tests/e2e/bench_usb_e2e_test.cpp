// End to end over real USB: four virtual ST-Link/V2 dongles with distinct serials, served by
// `hiltest sim usb`, and `hiltest run --bench` driving them in parallel through libusb, each
// board selected by its serial as on a real bench.
#include <gtest/gtest.h>

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

// `hiltest sim usb --count N --serial S` gives dongle n (from 0) the serial S with its last
// digits replaced by n.
std::string served_serial(const std::string& base, unsigned index)
{
    if (index == 0) return base;
    const std::string digits = std::to_string(index);
    return base.substr(0, base.size() - digits.size()) + digits;
}

class ServedBench : public RunCommandTest {
protected:
    // `hiltest sim usb SIM_USB_ARGS -- hiltest run blink.json --bench BENCH`: hiltest reaches the
    // dongles through libusb as it would reach real ones.
    CommandResult run_blink_on_served_dongles(std::vector<std::string> sim_usb_args, const fs::path& bench)
    {
        std::vector<std::string> argv = {kHiltest, "sim", "usb"};
        argv.insert(argv.end(), sim_usb_args.begin(), sim_usb_args.end());
        argv.insert(argv.end(), {"--", kHiltest, "run", testsuite("blink"), "--bench", bench.string(), "--report-dir",
                                 (dir_ / "reports").string(), "--var", "firmware_dir=" + kFirmware});
        ExternalCommand command(argv);
        command.timeout = std::chrono::seconds(120);
        return run_external_command(command);
    }
};

TEST_F(ServedBench, FourUsbDonglesRunASuiteInParallelEachChosenBySerial)
{
    const std::string base = "56FF6E064965485141361287";
    json boards = json::array();
    std::set<std::string> expected;
    for (unsigned i = 0; i < 4; ++i) {
        const std::string serial = served_serial(base, i);
        expected.insert(serial);
        boards.push_back({{"name", "usb-" + std::to_string(i + 1)}, {"probe", "stlink:" + serial}, {"nrst_wired", true}});
    }
    const fs::path bench = dir_ / "bench.json";
    std::ofstream(bench) << json{{"boards", boards}}.dump(2);

    const CommandResult result = run_blink_on_served_dongles({"--count", "4", "--serial", base, "--nrst-wired"}, bench);
    ASSERT_FALSE(result.timed_out) << result.output;
    ASSERT_EQ(result.exit_code, 0) << result.output;

    const json combined = report("blink");
    ASSERT_EQ(combined["runs"].size(), 4u);
    std::set<std::string> serials;
    for (const json& run : combined["runs"]) {
        EXPECT_EQ(run["summary"]["passed"], 3) << run["board"];
        serials.insert(run["properties"]["probe_serial"].get<std::string>());
    }
    EXPECT_EQ(serials, expected) << "every board was reached through its own dongle";
    EXPECT_EQ(combined["summary"]["passed"], 12);
    expect_valid_junit("blink");
}

TEST_F(ServedBench, BenchInitWritesABenchForTheAttachedDonglesThatBenchCheckAccepts)
{
    const std::string base = "56FF6E064965485141361287";
    const fs::path bench = dir_ / "benches" / "desk.json";
    ExternalCommand command({kHiltest, "sim", "usb", "--count", "3", "--serial", base, "--", "/bin/sh", "-c",
                             kHiltest + " bench init --name desk -o " + bench.string() + " && " + kHiltest +
                                 " bench check " + bench.string()});
    command.timeout = std::chrono::seconds(120);
    const CommandResult result = run_external_command(command);
    ASSERT_FALSE(result.timed_out) << result.output;
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("every board answered"), std::string::npos) << result.output;

    std::ifstream in(bench);
    const json written = json::parse(in);
    EXPECT_EQ(written["name"], "desk");
    ASSERT_EQ(written["boards"].size(), 3u);
    std::set<std::string> probes;
    for (const json& board : written["boards"]) {
        probes.insert(board["probe"].get<std::string>());
        EXPECT_EQ(board["nrst_wired"], false);
    }
    EXPECT_EQ(probes, (std::set<std::string>{"stlink:" + served_serial(base, 0), "stlink:" + served_serial(base, 1),
                                             "stlink:" + served_serial(base, 2)}));

    // A bench file is never overwritten.
    const CommandResult again = run_external_command(
        ExternalCommand({kHiltest, "sim", "usb", "--", kHiltest, "bench", "init", "-o", bench.string()}));
    EXPECT_EQ(again.exit_code, 2) << again.output;
    EXPECT_NE(again.output.find("exists already"), std::string::npos) << again.output;
}

TEST_F(ServedBench, ClonesWithOneSerialAreToldApartByTheirUsbPorts)
{
    // Two dongles of one clone batch report the same serial: `bench init` selects them by port,
    // and the suite runs on both.
    const fs::path bench = dir_ / "clones.json";
    ExternalCommand init({kHiltest, "sim", "usb", "--count", "2", "--same-serial", "--", kHiltest, "bench", "init", "-o",
                          bench.string()});
    const CommandResult written = run_external_command(init);
    ASSERT_EQ(written.exit_code, 0) << written.output;
    EXPECT_NE(written.output.find("report the serial"), std::string::npos) << written.output;
    std::ifstream in(bench);
    const json boards = json::parse(in)["boards"];
    ASSERT_EQ(boards.size(), 2u);
    EXPECT_EQ(boards[0]["probe"], "usb:1-1");
    EXPECT_EQ(boards[1]["probe"], "usb:1-2");

    const CommandResult result = run_blink_on_served_dongles({"--count", "2", "--same-serial", "--nrst-wired"}, bench);
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(report("blink")["summary"]["passed"], 6);

    // `hiltest run --probe usb:1-2` picks the dongle by port too (it used to fall back to "any
    // ST-Link", which is ambiguous here).
    const CommandResult by_port = run_external_command(ExternalCommand(
        {kHiltest, "sim", "usb", "--count", "2", "--same-serial", "--nrst-wired", "--", kHiltest, "run", testsuite("blink"),
         "--probe", "usb:1-2", "--report-dir", (dir_ / "by-port").string(), "--var", "firmware_dir=" + kFirmware}));
    ASSERT_EQ(by_port.exit_code, 0) << by_port.output;
    std::ifstream by_port_report(dir_ / "by-port" / "blink.json");
    EXPECT_EQ(json::parse(by_port_report)["runs"][0]["properties"]["probe"], "usb:1-2");

    // By serial the two cannot be told apart, and the error says what to do instead.
    const CommandResult ambiguous = run_external_command(
        ExternalCommand({kHiltest, "sim", "usb", "--count", "2", "--same-serial", "--", kHiltest, "info"}));
    EXPECT_NE(ambiguous.exit_code, 0);
    EXPECT_NE(ambiguous.output.find("same serial"), std::string::npos) << ambiguous.output;
    EXPECT_NE(ambiguous.output.find("usb:BUS-PORT"), std::string::npos) << ambiguous.output;
}

TEST_F(ServedBench, AWedgedDongleIsResetAndReopenedAndTheBoardIsNotPowerCycled)
{
    // The dongle's OUT endpoint stalls on the fourth command (as a wedged ST-Link does): the
    // connector resets the USB device, opens it again and connects; the power-cycle hook, the
    // last resort, must not run.
    const std::string serial = "56FF6E064965485141361287";
    const fs::path bench = dir_ / "bench.json";
    std::ofstream(bench) << json{{"boards",
                                  {{{"name", "wedged"},
                                    {"probe", "stlink:" + serial},
                                    {"hooks", {{"power_cycle", "echo $HILTEST_BOARD >> power-cycles.log"}}}}}}}
                                .dump(2);
    const CommandResult result =
        run_blink_on_served_dongles({"--serial", serial, "--nrst-wired", "--fault", "stall@cmd=4"}, bench);
    ASSERT_FALSE(result.timed_out) << result.output;
    ASSERT_EQ(result.exit_code, 0) << result.output;

    const json connection = report("blink")["runs"][0]["connection"];
    EXPECT_EQ(connection["usb_resets"], 1) << connection.dump(2);
    EXPECT_EQ(connection["power_cycles"], 0) << connection.dump(2);
    EXPECT_EQ(connection["attempt_log"][0]["error_kind"], "usb-io") << connection.dump(2);
    EXPECT_EQ(connection["attempt_log"][1]["usb_reset_before"], true) << connection.dump(2);
    EXPECT_EQ(connection["attempt_log"][1]["result"], "connected") << connection.dump(2);
    EXPECT_FALSE(fs::exists(dir_ / "power-cycles.log"));
}

}  // namespace
}  // namespace hiltest
