// Bench files: what a valid one yields, and that every mistake points at its place.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "probe/base/error.hpp"
#include "runner/bench/bench_file.hpp"

using namespace hiltest;
using namespace hiltest::bench;
using ::testing::HasSubstr;

namespace {

Error parse_error(std::string_view text)
{
    try {
        parse_bench(text, "/desk/bench.json");
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "parsed: " << text;
    return Error(ErrorKind::Internal, "");
}

}  // namespace

TEST(BenchFile, ParsesBoardsHooksAndSimulatedBoards)
{
    suite::ParseOptions options;
    options.variables["firmware_dir"] = "/build/firmware";
    const Bench bench = parse_bench(R"({
  "name": "desk-1",
  "boards": [
    {"name": "bp-1", "probe": "stlink:56FF6E064965485141361287", "target": "STM32F103C8", "nrst_wired": false,
     "hooks": {"power_cycle": "uhubctl -l 1-1 -p 2 -a cycle",
               "before": {"command": "./relay on 1", "timeout_ms": 5000},
               "after": "./relay off 1", "set_pin": "./gpio.sh", "uart_send": {"command": "./tx.sh", "timeout_ms": 3000},
               "set_analog": "./dac.sh"}},
    {"name": "sim-2", "probe": "sim",
     "simulated": {"seed": 9, "faults": ["stall@cmd=4"], "dpidr": "0x2BA01477",
                   "firmware": "${firmware_dir}/swd_lockout.elf", "flash_state": "state/sim-2.bin",
                   "reset_button_ms": 1500},
     "hooks": {"power_cycle": {"command": "true", "timeout_ms": 100, "settle_ms": 0}}},
    {"name": "sim-3", "probe": "sim"}
  ]
})",
                                    "/desk/bench.json", options);
    EXPECT_EQ(bench.name, "desk-1");
    ASSERT_EQ(bench.boards.size(), 3u);
    const BoardSpec& real = bench.boards[0];
    EXPECT_EQ(real.probe.kind(), probe::ProbeSelector::Kind::StlinkSerial);
    EXPECT_EQ(real.probe.serial(), "56FF6E064965485141361287");
    EXPECT_EQ(real.target, "stm32f103c8");
    EXPECT_EQ(real.nrst_wired, false);
    ASSERT_TRUE(real.power_cycle);
    EXPECT_EQ(real.power_cycle->command, "uhubctl -l 1-1 -p 2 -a cycle");
    EXPECT_EQ(real.power_cycle->timeout, std::chrono::milliseconds(20000));
    EXPECT_EQ(real.power_cycle->settle, std::chrono::milliseconds(500));
    EXPECT_EQ(real.before->timeout, std::chrono::milliseconds(5000));
    EXPECT_EQ(real.after->timeout, std::chrono::milliseconds(60000));
    EXPECT_EQ(real.location.line, 4u);
    ASSERT_TRUE(real.set_pin && real.uart_send && real.set_analog);
    EXPECT_EQ(real.hook(HookKind::SetPin)->command, "./gpio.sh");
    EXPECT_EQ(real.hook(HookKind::UartSend)->timeout, std::chrono::milliseconds(3000));
    EXPECT_EQ(real.hook(HookKind::SetAnalog)->timeout, std::chrono::milliseconds(60000));
    EXPECT_FALSE(bench.boards[2].hook(HookKind::SetPin).has_value());

    const BoardSpec& sim = bench.boards[1];
    EXPECT_TRUE(sim.is_simulated());
    EXPECT_FALSE(sim.nrst_wired.has_value());
    EXPECT_EQ(sim.simulated.seed, 9u);
    EXPECT_EQ(sim.simulated.dpidr, 0x2BA01477u);
    EXPECT_EQ(sim.simulated.firmware, "/build/firmware/swd_lockout.elf");
    EXPECT_EQ(sim.simulated.flash_state, "/desk/state/sim-2.bin");
    EXPECT_EQ(sim.simulated.reset_button, std::chrono::milliseconds(1500));
    EXPECT_FALSE(bench.boards[2].simulated.reset_button.has_value());
    EXPECT_EQ(sim.power_cycle->settle, std::chrono::milliseconds(0));
    // Simulated boards get distinct 24-character serials unless the bench names them.
    EXPECT_EQ(sim.simulated.serial.size(), 24u);
    EXPECT_NE(sim.simulated.serial, bench.boards[2].simulated.serial);
    EXPECT_EQ(bench.directory(), "/desk");
}

TEST(BenchFile, NameDefaultsToTheFileName)
{
    const Bench bench = parse_bench(R"({"boards": [{"name": "a", "probe": "sim"}]})", "ci/rack-3.json");
    EXPECT_EQ(bench.name, "rack-3");
}

TEST(BenchFile, MistakesNameTheirPlace)
{
    EXPECT_THAT(parse_error(R"({"boards": []})").what(), HasSubstr("boards"));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a", "prob": "sim"}]})").what(), HasSubstr("did you mean \"probe\""));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a b", "probe": "sim"}]})").what(), HasSubstr("report file names"));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a", "probe": "usb"}]})").what(), HasSubstr("stlink:SERIAL"));
    const Error duplicate = parse_error(R"({"boards": [{"name": "a", "probe": "sim"},
                                                      {"name": "a", "probe": "sim"}]})");
    EXPECT_THAT(duplicate.what(), HasSubstr("/desk/bench.json:2:"));
    EXPECT_THAT(duplicate.what(), HasSubstr("unique"));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a", "probe": "stlink:1", "simulated": {"seed": 1}}]})").what(),
                HasSubstr("simulated board"));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a", "probe": "sim", "hooks": {"before": {"timeout_ms": 5}}}]})").what(),
                HasSubstr("command"));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a", "probe": "sim", "hooks": {"before": {"command": "x", "settle_ms": 5}}}]})").what(),
                HasSubstr("settle_ms"));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a", "probe": "sim", "hooks": {"after": {"command": "x", "timeout_ms": 0}}}]})").what(),
                HasSubstr("timeout_ms"));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a", "probe": "sim", "simulated": {"firmware": "${nope}/x.elf"}}]})").what(),
                HasSubstr("unknown variable ${nope}"));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a", "probe": "sim", "simulated": {"serial": "0123456789012345678901234"}}]})").what(),
                HasSubstr("24"));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a", "probe": "stlink"}, {"name": "b", "probe": "stlink:X"}]})").what(),
                HasSubstr("ambiguous"));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a", "probe": "usb:1-1"}, {"name": "b", "probe": "stlink"}]})").what(),
                HasSubstr("ambiguous"));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a",
                                          "probe": "stlink:0?7"}]})").what(),
                HasSubstr("/desk/bench.json:2:52: boards[0].probe: expected"));
    EXPECT_THAT(parse_error(R"({"boards": [{"name": "a", "probe": "stlink:0?7"}]})").what(),
                HasSubstr("(a serial has only letters and digits)"));
    EXPECT_THAT(parse_error("{\"boards\": [").what(), HasSubstr("invalid JSON"));
    EXPECT_EQ(parse_error(R"({"boards": 3})").kind(), ErrorKind::SuiteInvalid);
}

TEST(BenchFile, SelectsBoardsByName)
{
    const Bench bench = parse_bench(
        R"({"boards": [{"name": "bp-1", "probe": "sim"}, {"name": "bp-2", "probe": "sim"}, {"name": "bp-3", "probe": "sim"}]})",
        "b.json");
    EXPECT_EQ(select_boards(bench, "all").size(), 3u);
    const auto two = select_boards(bench, "bp-3,bp-1");
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[0]->name, "bp-1");  // bench order
    EXPECT_EQ(two[1]->name, "bp-3");
    try {
        select_boards(bench, "bp-1,bp4");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        EXPECT_THAT(e.what(), HasSubstr("no board \"bp4\""));
        EXPECT_THAT(e.remedy(), HasSubstr("bp-2"));
    }
}
