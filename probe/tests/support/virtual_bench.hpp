#pragma once
// The in-process virtual bench for driver tests: simulated Blue Pill + virtual ST-Link/V2 +
// its Transport adaptor, and a Clock whose waits advance the board (nothing sleeps).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fixtures/bluepill/debug/sw_dp.hpp"
#include "fixtures/bluepill/soc/board.hpp"
#include "fixtures/bluepill/soc/image_loader.hpp"
#include "fixtures/bluepill/stlink/fault_plan.hpp"
#include "fixtures/bluepill/stlink/virtual_bench.hpp"
#include "fixtures/bluepill/stlink/virtual_link.hpp"
#include "fixtures/bluepill/stlink/virtual_stlink.hpp"
#include "probe/base/clock.hpp"

namespace hiltest::probe::testing {

inline std::string firmware_path(const std::string& name)
{
    return std::string(HILTEST_FIRMWARE_DIR) + "/" + name + ".elf";
}

inline uint32_t firmware_symbol(const std::string& firmware, const std::string& symbol)
{
    const auto value = sim::elf_symbol(firmware_path(firmware), symbol);
    if (!value) throw std::runtime_error("no symbol " + symbol + " in " + firmware);
    return *value;
}

// Waits on the virtual bench advance the simulated board.
using BoardClock = sim::stlink::TargetPortClock;

struct BenchOptions {
    std::string firmware = "blink_delay";
    uint32_t dpidr = 0x1BA01477;
    bool nrst_wired = true;
    std::vector<std::string> faults;
    uint64_t seed = 1;
    uint64_t reset_button_ms = 0;  // the board's RESET button held this long from power-on
    sim::stlink::StlinkConfig stlink{};
};

inline sim::BoardConfig board_config(const BenchOptions& o)
{
    sim::BoardConfig c;
    c.seed = o.seed;
    c.nrst_wired = o.nrst_wired;
    c.reset_button_release_ns = o.reset_button_ms * 1'000'000;
    if (!o.firmware.empty()) c.image = sim::load_firmware_image(firmware_path(o.firmware));
    return c;
}

// Supply faults on the dongle side take the board's power (below 1.9 V the chip is off).
inline sim::stlink::StlinkConfig stlink_config(const BenchOptions& o, sim::Board& board)
{
    sim::stlink::StlinkConfig c = o.stlink;
    c.target_supply = [&board](double volts) { board.set_supply_voltage(volts); };
    return c;
}

inline sim::stlink::FaultPlan fault_plan(const BenchOptions& o)
{
    sim::stlink::FaultPlan plan(o.seed);
    for (const auto& f : o.faults) plan.add(f);
    return plan;
}

// The board plus everything between it and the driver (sim::stlink::VirtualBench), with the
// parts named for the tests.
struct VirtualBench {
    explicit VirtualBench(BenchOptions o = {})
        : options(o),
          board(board_config(o)),
          link(board, stlink_config(o, board), fault_plan(o), sim::SwDpConfig{o.dpidr, {}}),
          dp(link.dp()),
          stlink(link.device()),
          transport(link.transport()),
          clock(link.clock())
    {
    }

    BenchOptions options;
    sim::Board board;
    sim::stlink::VirtualBench link;
    sim::SwDp& dp;
    sim::stlink::VirtualStlink& stlink;
    sim::stlink::VirtualStlinkTransport& transport;
    BoardClock& clock;
};

}  // namespace hiltest::probe::testing
