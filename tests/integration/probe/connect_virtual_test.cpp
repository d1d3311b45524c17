// Connection strategies and retry statistics against the simulated bench, including the
// seed failure: firmware that disables SWD right after reset (swd_lockout).
#include <gtest/gtest.h>

#include <optional>

#include <nlohmann/json.hpp>

#include "probe/base/error.hpp"
#include "probe/connect/connector.hpp"
#include "tests/support/rig/rig_fixture.hpp"

using namespace hiltest;
using namespace hiltest::probe;
using namespace hiltest::probe::connect;
using namespace hiltest::testing;

namespace {

struct Rig {
    explicit Rig(sim::RigConfig o = rig_config(), ConnectOptions c = {})
        : bench(std::move(o)), probe(bench.transport(), bench.clock()), connector(probe, bench.clock(), c)
    {
    }
    sim::Rig bench;
    stlink::StlinkProbe probe;
    Connector connector;
};

ConnectOptions mode(ConnectMode m)
{
    ConnectOptions c;
    c.mode = m;
    c.retry.seed = 3;
    return c;
}

Error connect_error(Rig& rig)
{
    try {
        rig.connector.connect();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "connect succeeded";
    return Error(ErrorKind::Internal, "");
}

// A board whose flash holds swd_lockout, with NRST not wired and a switch on its supply that
// the connector may use as its last resort.
struct SwitchedLockoutRig {
    explicit SwitchedLockoutRig(ConnectOptions c)
        : hook("test power switch", [this] {
              ++cycles;
              rig->bench.board().set_power(false);
              rig->bench.clock().sleep_for(std::chrono::milliseconds(10));
              rig->bench.board().set_power(true);
          })
    {
        sim::RigConfig o = rig_config("swd_lockout");
        o.nrst_wired = false;
        c.power_cycle = &hook;
        rig.emplace(o, c);
    }
    int cycles = 0;
    FunctionPowerCycle hook;
    std::optional<Rig> rig;
};

}  // namespace

TEST(ConnectVirtual, PlainAttachToAHealthyBoard)
{
    Rig rig;
    const Connection c = rig.connector.connect();
    EXPECT_EQ(c.strategy, Strategy::Plain);
    EXPECT_EQ(c.dpidr, 0x1BA01477u);
    EXPECT_NEAR(c.voltage, 3.3, 0.05);
    EXPECT_EQ(c.target.chip_name(), "STM32F103 medium density");
    EXPECT_EQ(c.target.flash_kb, 64u);
    EXPECT_FALSE(c.target.clone_warning);
    EXPECT_EQ(rig.connector.statistics().attempt_count(), 1u);
    EXPECT_EQ(rig.connector.statistics().retries(), 0u);
    // Debug-in-low-power is on after connect, and can be put back.
    EXPECT_EQ(rig.probe.read_word(0xE0042004) & 0x7, 0x7u);
    EXPECT_EQ(c.dbgmcu_cr_before & 0x7, 0u);
    restore_low_power_debug(rig.probe, c);
    EXPECT_EQ(rig.probe.read_word(0xE0042004), c.dbgmcu_cr_before);
}

TEST(ConnectVirtual, CloneDpidrConnectsWithWarning)
{
    sim::RigConfig o = rig_config();
    o.dpidr = 0x2BA01477;
    Rig rig(o);
    const Connection c = rig.connector.connect();
    ASSERT_TRUE(c.target.clone_warning);
    EXPECT_NE(c.target.clone_warning->find("CS32F103"), std::string::npos);
}

TEST(ConnectVirtual, SwdLockoutPlainFailsAutoSucceedsUnderReset)
{
    sim::RigConfig o = rig_config("swd_lockout");
    Rig rig(o, mode(ConnectMode::Auto));
    const Connection c = rig.connector.connect();
    EXPECT_EQ(c.strategy, Strategy::UnderReset);
    EXPECT_TRUE(c.core_halted);
    EXPECT_TRUE(c.nrst_effective);
    const auto& stats = rig.connector.statistics();
    ASSERT_EQ(stats.attempt_count(), 2u);
    EXPECT_EQ(stats.attempts()[0].strategy, Strategy::Plain);
    EXPECT_FALSE(stats.attempts()[0].succeeded);
    EXPECT_EQ(stats.attempts()[0].error_kind, ErrorKind::TargetNotResponding);
    EXPECT_EQ(stats.attempts()[1].strategy, Strategy::UnderReset);
    EXPECT_TRUE(stats.attempts()[1].succeeded);
    EXPECT_GT(stats.attempts()[1].backoff_before.count(), 0);
    const auto json = stats.to_json();
    EXPECT_EQ(json["attempts"], 2);
    EXPECT_EQ(json["retries"], 1);
    EXPECT_EQ(json["successes_by_strategy"]["under-reset"], 1);
    EXPECT_EQ(json["errors_by_kind"]["target-not-responding"], 1);
    // Halted at the reset vector: PC is the reset handler from the vector table.
    const uint32_t reset_vector = rig.probe.read_word(0x08000004) & ~1u;
    EXPECT_EQ(rig.probe.read_core_register(15), reset_vector);
}

TEST(ConnectVirtual, SwdLockoutPlainOnlyExplainsTheSeedFailure)
{
    sim::RigConfig o = rig_config("swd_lockout");
    Rig rig(o, mode(ConnectMode::Plain));
    const Error e = connect_error(rig);
    EXPECT_EQ(e.kind(), ErrorKind::TargetNotResponding);
    const std::string text = e.what();
    EXPECT_NE(text.find("SWD"), std::string::npos) << text;
    EXPECT_NE(text.find("remaps the SWD pins"), std::string::npos) << text;
    EXPECT_NE(e.remedy().find("under-reset"), std::string::npos) << e.remedy();
    // The whole budget (6 by default) is used: plain, plain, slower clock, slower clock, again.
    EXPECT_EQ(rig.connector.statistics().attempt_count(), 6u);
    EXPECT_EQ(rig.connector.statistics().attempts()[2].swd_khz, 100u);
}

TEST(ConnectVirtual, SwdLockoutWithoutNrstTellsToHoldResetOrPowerCycle)
{
    sim::RigConfig o = rig_config("swd_lockout");
    o.nrst_wired = false;
    Rig rig(o, mode(ConnectMode::Auto));
    const Error e = connect_error(rig);
    EXPECT_EQ(e.kind(), ErrorKind::TargetNotResponding);
    EXPECT_NE(std::string(e.what()).find("NRST"), std::string::npos) << e.what();
    EXPECT_NE(e.remedy().find("hold the board's RESET button"), std::string::npos) << e.remedy();
    EXPECT_NE(e.remedy().find("power-cycle"), std::string::npos) << e.remedy();
    EXPECT_GE(rig.connector.statistics().attempt_count(), 4u);
    EXPECT_EQ(rig.connector.statistics().failures(), 1u);
}

TEST(ConnectVirtual, NrstNotWiredFaultOnTheDongleSide)
{
    sim::RigConfig o = rig_config("swd_lockout");
    o.faults = sim::parse_faults({"nrst-not-wired"});
    Rig rig(o, mode(ConnectMode::UnderReset));
    const Error e = connect_error(rig);
    EXPECT_NE(e.remedy().find("power-cycle"), std::string::npos);
}

TEST(ConnectVirtual, PowerCycleHookIsTriedAndRecorded)
{
    SwitchedLockoutRig switched(mode(ConnectMode::Auto));
    connect_error(*switched.rig);
    EXPECT_EQ(switched.cycles, 1);
    bool recorded = false;
    for (const auto& a : switched.rig->connector.statistics().attempts()) recorded |= a.strategy == Strategy::PowerCycle;
    EXPECT_TRUE(recorded);
}

TEST(ConnectVirtual, UnpoweredBoardIsLowVoltageAndSaysWhatItMeasured)
{
    sim::RigConfig o = rig_config();
    o.faults = sim::parse_faults({"power-loss@t=0ms"});
    Rig rig(o, mode(ConnectMode::Auto));
    const Error e = connect_error(rig);
    EXPECT_EQ(e.kind(), ErrorKind::LowVoltage);
    EXPECT_NE(std::string(e.what()).find("reads 0.00 V"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not powered"), std::string::npos) << e.what();
}

TEST(ConnectVirtual, ABrownoutIsBlamedOnTheSupplyWithItsVoltageNotOnNrst)
{
    // 1.8 V passed the old 1.5 V check; the silent debug port was then blamed on NRST.
    sim::RigConfig o = rig_config();
    o.faults = sim::parse_faults({"brownout@t=0ms,volts=1.8"});
    Rig rig(o);
    const Error e = connect_error(rig);
    EXPECT_EQ(e.kind(), ErrorKind::LowVoltage);
    EXPECT_NE(std::string(e.what()).find("1.80 V"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("NRST"), std::string::npos) << e.what();
}

TEST(ConnectVirtual, ABrownoutThatPassesIsRetriedAndConnects)
{
    sim::RigConfig o = rig_config();
    o.faults = sim::parse_faults({"brownout@t=0ms,volts=1.8,restore-after=150ms"});
    Rig rig(o, mode(ConnectMode::Auto));
    const Connection c = rig.connector.connect();
    EXPECT_GT(c.voltage, 3.0);
    EXPECT_EQ(rig.connector.statistics().errors_by_kind().at("low-voltage"), rig.connector.statistics().attempt_count() - 1);
}

TEST(ConnectVirtual, UsbTimeoutIsRetriedAfterAUsbResetWithTheSameStrategy)
{
    // The wedged dongle, not the plain attach, failed: after the USB reset the plain attach is
    // tried again and gets the credit (it used to move on to under-reset / the slow clock).
    sim::RigConfig o = rig_config();
    o.faults = sim::parse_faults({"usb-timeout@cmd=3"});
    Rig rig(o, mode(ConnectMode::Auto));
    const Connection c = rig.connector.connect();
    EXPECT_EQ(c.strategy, Strategy::Plain);
    EXPECT_EQ(c.swd_khz, 1800u);
    ASSERT_EQ(rig.connector.statistics().attempt_count(), 2u);
    EXPECT_TRUE(rig.connector.statistics().attempts()[1].usb_reset_before);
    EXPECT_EQ(rig.connector.statistics().errors_by_kind().at("usb-timeout"), 1u);
}

TEST(ConnectVirtual, StallIsRetried)
{
    sim::RigConfig o = rig_config();
    o.faults = sim::parse_faults({"stall@cmd=4"});
    Rig rig(o);
    rig.connector.connect();
    EXPECT_EQ(rig.connector.statistics().errors_by_kind().at("usb-io"), 1u);
}

TEST(ConnectVirtual, UnplugAndReplugIsRetried)
{
    sim::RigConfig o = rig_config();
    o.faults = sim::parse_faults({"unplug@cmd=5,replug-after=2"});
    Rig rig(o);
    rig.connector.connect();
    EXPECT_GE(rig.connector.statistics().errors_by_kind().at("usb-gone"), 1u);  // one per attempt while unplugged
}

TEST(ConnectVirtual, ShortWaitStormIsAbsorbed)
{
    sim::RigConfig o = rig_config();
    o.faults = sim::parse_faults({"swd-wait-storm@cmd=8,count=20"});
    Rig rig(o);
    rig.connector.connect();
    EXPECT_EQ(rig.connector.statistics().attempt_count(), 1u);
}

TEST(ConnectVirtual, DeclaredOtherTargetIsAnErrorNamingBoth)
{
    ConnectOptions c;
    c.declared_target = "stm32f3x";
    Rig rig({}, c);
    const Error e = connect_error(rig);
    EXPECT_EQ(e.kind(), ErrorKind::WrongTarget);
    EXPECT_NE(std::string(e.what()).find("stm32f3x"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("STM32F103"), std::string::npos);
    // A second attempt confirms it (noise can fake a wrong chip); the same chip twice is final.
    EXPECT_EQ(rig.connector.statistics().attempt_count(), 2u);
}

TEST(ConnectVirtual, SameSeedSameStatistics)
{
    auto run = [] {
        sim::RigConfig o = rig_config("swd_lockout");
        Rig rig(o, mode(ConnectMode::Auto));
        rig.connector.connect();
        return rig.connector.statistics().to_json().dump();
    };
    EXPECT_EQ(run(), run());
}

TEST(ConnectVirtual, ConnectCostsNoMoreRoundTripsThanOpenOcd)
{
    Rig rig;
    rig.connector.connect();
    const auto stats = rig.bench.stlink().stats();
    // OpenOCD 0.12 hla (docs/chip-facts.md, "What OpenOCD sends") spends 12 command round trips
    // before examine and at least 8 more in cortex_m examine + the stm32f1x DBGMCU_CR write: >= 20.
    EXPECT_LE(stats.commands, 20u);
    std::cout << "connect: " << stats.commands << " commands, " << stats.usb_transfers << " transfers, "
              << stats.bytes_out << " bytes out, " << stats.bytes_in << " bytes in\n";
}

TEST(ConnectVirtual, AttemptsAreBoundedByCount)
{
    sim::RigConfig o = rig_config("swd_lockout");
    o.nrst_wired = false;
    ConnectOptions c = mode(ConnectMode::Auto);
    c.retry.max_attempts = 2;
    Rig rig(o, c);
    EXPECT_EQ(connect_error(rig).kind(), ErrorKind::TargetNotResponding);
    EXPECT_EQ(rig.connector.statistics().attempt_count(), 2u);
}

TEST(ConnectVirtual, AttemptsAreBoundedByTotalTime)
{
    sim::RigConfig o = rig_config("swd_lockout");
    o.nrst_wired = false;
    ConnectOptions c = mode(ConnectMode::Auto);
    c.retry.initial_backoff = std::chrono::milliseconds(50);
    c.retry.jitter = 0.0;
    c.retry.max_total = std::chrono::milliseconds(120);
    Rig rig(o, c);
    const auto start = rig.bench.clock().now();
    connect_error(rig);
    // plain, wait 50 ms, under reset, then the 100 ms wait would pass the 120 ms bound.
    EXPECT_EQ(rig.connector.statistics().attempt_count(), 2u);
    EXPECT_LE(rig.bench.clock().now() - start, std::chrono::milliseconds(120));
}

TEST(ConnectVirtual, AWedgedDongleIsResetAndReopenedBeforeAnyPowerCycle)
{
    sim::RigConfig o = rig_config();
    o.faults = sim::parse_faults({"stall@cmd=4"});
    int cycles = 0;
    FunctionPowerCycle hook("test power switch", [&] { ++cycles; });
    ConnectOptions c = mode(ConnectMode::Auto);
    c.power_cycle = &hook;
    Rig rig(o, c);
    rig.connector.connect();
    EXPECT_EQ(cycles, 0);
    const auto& attempts = rig.connector.statistics().attempts();
    ASSERT_EQ(attempts.size(), 2u);
    EXPECT_EQ(attempts[0].error_kind, ErrorKind::UsbIo);
    EXPECT_TRUE(attempts[1].usb_reset_before);
    EXPECT_TRUE(attempts[1].succeeded);
    EXPECT_EQ(rig.connector.statistics().usb_resets(), 1u);
}

TEST(ConnectVirtual, LockoutWithoutNrstReachesThePowerCycleWithinTheDefaultBudget)
{
    ConnectOptions c = mode(ConnectMode::Auto);
    c.nrst_wired = false;
    c.retry.max_attempts = 4;  // a suite's default "retries": 3
    SwitchedLockoutRig switched(c);
    Rig& rig = *switched.rig;
    const Error e = connect_error(rig);
    EXPECT_EQ(switched.cycles, 1);
    EXPECT_EQ(rig.connector.statistics().power_cycles(), 1u);
    for (const auto& a : rig.connector.statistics().attempts()) {
        EXPECT_NE(a.strategy, Strategy::UnderReset);
        EXPECT_NE(a.strategy, Strategy::SlowClockUnderReset);
    }
    EXPECT_NE(std::string(e.what()).find("not wired"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("test power switch"), std::string::npos) << e.what();
    EXPECT_NE(e.remedy().find("BOOT0"), std::string::npos) << e.remedy();
}

TEST(ConnectVirtual, AFailedUnderResetAttemptNeverLeavesTheChipHeldInReset)
{
    // Whichever command of an under-reset attempt fails (after NRST went low, before it was
    // released), NRST is let go: a chip left in reset made the next plain attempt "connect"
    // to a board whose firmware never ran again.
    bool some_failure_held_nrst = false;
    for (int command = 1; command <= 14; ++command) {
        sim::RigConfig o = rig_config();
        o.faults = sim::parse_faults({"swd-noack@cmd=" + std::to_string(command)});
        ConnectOptions c = mode(ConnectMode::UnderReset);
        c.retry.max_attempts = 1;
        Rig rig(o, c);
        try {
            rig.connector.connect();
        } catch (const Error&) {
            some_failure_held_nrst = true;  // the fault hit this attempt
        }
        EXPECT_FALSE(rig.bench.board().nrst_asserted()) << "fault at command " << command;
    }
    EXPECT_TRUE(some_failure_held_nrst);
}

TEST(ConnectVirtual, ACorruptedIdReadIsNotAWrongTarget)
{
    // Noise on one ID read used to end the connection as "wrong target" (never retried).
    // Reads that disagree are read again; a link that keeps corrupting them is link noise.
    int connected = 0;
    for (uint64_t seed = 1; seed <= 12; ++seed) {
        sim::RigConfig o = rig_config();
        o.seed = seed;
        o.faults = sim::parse_faults({"parity-ber@cmd=12,ber=0.06,count=6"});
        ConnectOptions c = mode(ConnectMode::Auto);
        c.declared_target = "stm32f103c8";
        Rig rig(o, c);
        try {
            const Connection got = rig.connector.connect();
            EXPECT_EQ(got.target.chip_name(), "STM32F103 medium density");
            EXPECT_EQ(got.target.flash_kb, 64u);
            ++connected;
        } catch (const Error& e) {
            EXPECT_NE(e.kind(), ErrorKind::WrongTarget) << "seed " << seed << ": " << e.what();
        }
    }
    EXPECT_EQ(connected, 12);
}
