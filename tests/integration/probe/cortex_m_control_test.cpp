// Cortex-M run control, faults and semihosting on the simulated Blue Pill through the
// virtual ST-Link, with the fixtures' firmware.
#include <gtest/gtest.h>

#include <span>

#include "probe/arm/cortex_m.hpp"
#include "probe/arm/fault_status.hpp"
#include "probe/arm/semihosting.hpp"
#include "probe/base/error.hpp"
#include "probe/connect/connector.hpp"
#include "tests/support/rig/rig_fixture.hpp"

using namespace hiltest;
using namespace hiltest::probe;
using namespace hiltest::probe::arm;
using namespace hiltest::testing;
using namespace std::chrono_literals;

namespace {

struct Connected {
    explicit Connected(sim::RigConfig o = rig_config())
        : bench(std::move(o)), probe(bench.transport(), bench.clock()), core(probe, bench.clock())
    {
        connect::Connector connector(probe, bench.clock(), {});
        connection = connector.connect();
    }
    sim::Rig bench;
    stlink::StlinkProbe probe;
    CortexM core;
    connect::Connection connection;
};

// The probe with a link that drops once around the reset request, as a debug port that stopped
// answering does: either the first DHCSR read after the AIRCR write fails, or the AIRCR write
// itself is lost (it never reaches the chip, so no reset happens).
class DropsAfterResetRequest : public TargetAccess {
public:
    enum class Drop { FirstStatusRead, ResetRequest };
    explicit DropsAfterResetRequest(TargetAccess& probe, Drop drop = Drop::FirstStatusRead)
        : probe_(probe), drop_(drop)
    {
    }

    int drops() const { return drops_; }

    void read_memory(uint32_t address, std::span<uint8_t> out, AccessWidth widest) override
    {
        probe_.read_memory(address, out, widest);
    }
    void write_memory(uint32_t address, std::span<const uint8_t> data, AccessWidth widest) override
    {
        probe_.write_memory(address, data, widest);
    }
    uint32_t read_word(uint32_t address) override
    {
        if (armed_ && address == addr::kDhcsr) {
            armed_ = false;
            ++drops_;
            throw Error(ErrorKind::TargetNotResponding, "the debug port stopped answering (dropped by the test)");
        }
        return probe_.read_word(address);
    }
    void write_word(uint32_t address, uint32_t value) override
    {
        if (address == addr::kAircr && drop_ == Drop::ResetRequest && drops_ == 0) {
            ++drops_;
            throw Error(ErrorKind::TargetNotResponding, "the debug port stopped answering (dropped by the test)");
        }
        probe_.write_word(address, value);
        if (address == addr::kAircr && drop_ == Drop::FirstStatusRead) armed_ = true;
    }
    uint32_t read_core_register(unsigned regsel) override { return probe_.read_core_register(regsel); }
    void write_core_register(unsigned regsel, uint32_t value) override { probe_.write_core_register(regsel, value); }
    void set_reset_line(bool asserted) override { probe_.set_reset_line(asserted); }

private:
    TargetAccess& probe_;
    Drop drop_;
    bool armed_ = false;
    int drops_ = 0;
};

}  // namespace

TEST(CortexMControl, HaltResumeStep)
{
    Connected c;
    c.core.halt();
    EXPECT_TRUE(c.core.status().halted());
    const uint32_t pc = c.core.read_register(CoreRegister::PC);
    c.core.step();
    EXPECT_TRUE(c.core.status().halted());
    EXPECT_NE(c.core.read_register(CoreRegister::PC), pc);
    c.core.resume();
    c.bench.clock().sleep_for(1ms);
    EXPECT_FALSE(c.core.status().halted());
}

TEST(CortexMControl, RegistersReadBackWhatWasWritten)
{
    Connected c;
    c.core.halt();
    c.core.write_register(CoreRegister::R7, 0xDEADBEEF);
    EXPECT_EQ(c.core.read_register(CoreRegister::R7), 0xDEADBEEFu);
}

TEST(CortexMControl, ResetAndHaltBySysResetReqStopsAtTheResetVector)
{
    Connected c;
    c.core.reset_and_halt(ResetMethod::SysResetReq);
    EXPECT_TRUE(c.core.status().halted());
    EXPECT_EQ(c.core.read_register(CoreRegister::PC), c.probe.read_word(0x08000004) & ~1u);
}

TEST(CortexMControl, ResetAndHaltByNrst)
{
    Connected c;
    c.core.reset_and_halt(ResetMethod::Nrst);
    EXPECT_EQ(c.core.read_register(CoreRegister::PC), c.probe.read_word(0x08000004) & ~1u);
}

TEST(CortexMControl, NrstResetWithoutTheWireSaysSo)
{
    sim::RigConfig o = rig_config();
    o.nrst_wired = false;
    Connected c(o);
    try {
        c.core.reset_and_halt(ResetMethod::Nrst);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::TargetNotResponding);
        EXPECT_NE(std::string(e.what()).find("not connected"), std::string::npos);
    }
}

TEST(CortexMControl, RunToAddressWithAnFpbBreakpoint)
{
    Connected c;
    EXPECT_EQ(c.core.breakpoint_slots(), 6u);
    c.core.reset_and_halt(ResetMethod::SysResetReq);
    const uint32_t main_address = firmware_symbol("blink_delay", "main") & ~1u;
    EXPECT_TRUE(c.core.run_to(main_address, 100ms));
    EXPECT_EQ(c.core.read_register(CoreRegister::PC), main_address);
}

TEST(CortexMControl, BreakpointsAboveCodeRegionAreRefused)
{
    Connected c;
    EXPECT_THROW(c.core.set_breakpoint(0x20000000), Error);
}

TEST(CortexMControl, HardFaultIsDecodedToText)
{
    Connected c(rig_config("hardfault"));
    c.core.reset_and_halt(ResetMethod::SysResetReq);
    const uint32_t record = firmware_symbol("hardfault", "hardfault_record") & ~1u;
    ASSERT_TRUE(c.core.run_to(record, 100ms));
    const FaultReport report = read_fault_report(c.probe, true);
    EXPECT_EQ(report.cfsr, 0x02000000u);
    EXPECT_EQ(report.hfsr, 0x40000000u);
    const std::string text = describe(report);
    EXPECT_NE(text.find("DIVBYZERO"), std::string::npos) << text;
    EXPECT_NE(text.find("FORCED"), std::string::npos) << text;
    EXPECT_NE(text.find("HardFault"), std::string::npos) << text;
}

TEST(CortexMControl, FaultingPcComesFromTheStackedFrame)
{
    Connected c(rig_config("hardfault"));
    c.core.reset_and_halt(ResetMethod::SysResetReq);
    // Vector catch on HardFault: the core stops at handler entry, LR = EXC_RETURN.
    c.probe.write_word(addr::kDemcr, demcr::kTrcEna | demcr::kVcHardErr);
    c.core.resume();
    ASSERT_TRUE(c.core.wait_for_halt(100ms));
    const FaultReport report = read_fault_report(c.probe, true);
    ASSERT_TRUE(report.faulting_pc) << describe(report);
    EXPECT_EQ(*report.faulting_pc, firmware_symbol("hardfault", "provoke_fault") & ~1u) << describe(report);
    EXPECT_EQ(report.exception, 3u);
}

TEST(CortexMControl, LowPowerDebugIsSetAndRestorable)
{
    Connected c;
    EXPECT_EQ(c.probe.read_word(addr::kDbgmcuCr) & 0x7, 0x7u);
    CortexM core(c.probe, c.bench.clock());
    c.probe.write_word(addr::kDbgmcuCr, 0x100);
    core.enable_low_power_debug();
    EXPECT_EQ(c.probe.read_word(addr::kDbgmcuCr), 0x107u);
    core.restore_low_power_debug();
    EXPECT_EQ(c.probe.read_word(addr::kDbgmcuCr), 0x100u);
}

TEST(CortexMControl, SemihostingOutputAndExitAreServiced)
{
    Connected c(rig_config("semihost_hello"));
    c.core.reset_and_halt(ResetMethod::SysResetReq);
    SemihostingService service(c.core);
    const auto result = service.run(2s);
    EXPECT_EQ(result.end, SemihostingResult::End::Exited);
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(service.output(), "Hello from the Blue Pill\n");
}

TEST(CortexMControl, WfiFirmwareStaysReachable)
{
    Connected c(rig_config("blink_systick"));
    c.bench.clock().sleep_for(50ms);
    // DBGMCU_CR set on connect keeps the debug port alive while the core sleeps in WFI.
    EXPECT_EQ(c.probe.read_word(addr::kCpuid), 0x411FC231u);
    c.core.halt();
    EXPECT_TRUE(c.core.status().halted());
}

// Regression: a core halted on a BKPT (a flash loader's last instruction) re-executes it when
// reset() lets it go, and DHCSR.C_HALT survives the system reset: reset-and-run used to leave
// the new firmware halted at its reset vector.
TEST(CortexMControl, ResetAndRunAfterABkptHaltRunsTheFirmware)
{
    Connected c(rig_config("counter"));
    c.core.halt();
    const uint32_t bkpt_address = 0x20001000;
    const uint8_t bkpt[] = {0x00, 0xBE, 0x00, 0xBE};  // BKPT #0, twice
    c.probe.write_memory(bkpt_address, bkpt, AccessWidth::Bits16);
    c.core.write_register(CoreRegister::PC, bkpt_address);
    c.core.resume();
    ASSERT_TRUE(c.core.wait_for_halt(10ms));

    c.core.reset_and_run(ResetMethod::SysResetReq);
    c.bench.clock().sleep_for(5ms);
    EXPECT_FALSE(c.core.status().halted()) << "the firmware runs after reset-and-run";
    const uint32_t counter = firmware_symbol("counter", "counter_block") + 8;
    const uint32_t first = c.probe.read_word(counter);
    c.bench.clock().sleep_for(1ms);
    EXPECT_GT(c.probe.read_word(counter), first);
}

// Regression: firmware that takes the SWD pins right after reset (swd_lockout) makes every
// access after the reset request fail; reset-and-run has still done what was asked.
TEST(CortexMControl, ResetAndRunOfFirmwareThatDisablesSwdReturnsAndTheLinkIsGone)
{
    sim::RigConfig lockout = rig_config("swd_lockout");
    lockout.nrst_wired = true;
    sim::Rig bench(lockout);
    stlink::StlinkProbe probe(bench.transport(), bench.clock());
    CortexM core(probe, bench.clock());
    connect::ConnectOptions options;
    options.mode = connect::ConnectMode::UnderReset;
    connect::Connector connector(probe, bench.clock(), options);
    ASSERT_NO_THROW(connector.connect());
    EXPECT_NO_THROW(core.reset_and_run(ResetMethod::SysResetReq));
    try {
        core.status();
        FAIL() << "SWD should be off once the firmware runs";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::TargetNotResponding);
    }
}

// Regression (campaign seed 20261203, run 1240): a core halted before reset-and-run stays halted
// through the reset until reset() lets it go at the end. A link that dropped in between was taken
// for firmware that had taken the SWD pins: reset() returned as done, the core stayed halted at
// its reset vector, and the next test measured firmware that had never run. Nothing ran that could
// take the pins, so the loss is the link's: reset() must say so, and the caller reconnects and
// resets again.
TEST(CortexMControl, ResetAndRunOfAHaltedCoreReportsALinkLostBeforeTheCoreWasLetGo)
{
    Connected c(rig_config("counter"));
    c.core.halt();
    DropsAfterResetRequest dropping(c.probe);
    CortexM core(dropping, c.bench.clock());

    try {
        core.reset_and_run(ResetMethod::SysResetReq);
        ADD_FAILURE() << "reset_and_run returned although the link dropped before the core was let run; the core is "
                      << (c.core.status().halted() ? "still halted" : "running");
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::TargetNotResponding) << e.what();
    }
    EXPECT_EQ(dropping.drops(), 1);
    EXPECT_TRUE(c.core.status().halted()) << "what the caller finds after reconnecting: the reset is still to be done";
}

// A lost reset request looks like one the reset cut short, but no reset follows: on a halted core
// reset_and_halt() would pass with the old firmware's state untouched (a wrong PASS for a suite
// that checks what the firmware does after a reset). Without S_RESET_ST the write's error stands.
TEST(CortexMControl, AResetRequestTheLinkLostIsAnErrorNotAResetThatDidNotHappen)
{
    Connected c(rig_config("counter"));
    c.core.halt();
    DropsAfterResetRequest dropping(c.probe, DropsAfterResetRequest::Drop::ResetRequest);
    CortexM core(dropping, c.bench.clock());

    try {
        core.reset_and_halt(ResetMethod::SysResetReq);
        ADD_FAILURE() << "reset_and_halt returned although the reset request never reached the chip";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::TargetNotResponding) << e.what();
    }
    EXPECT_EQ(dropping.drops(), 1);
}
