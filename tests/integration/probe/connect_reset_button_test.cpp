// The hold-RESET remedy through the connector, on the simulated bench: a Blue Pill without NRST
// whose flash holds swd_lockout (SWD off right after reset), its RESET button held from power-on.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "probe/base/error.hpp"
#include "probe/connect/connector.hpp"
#include "tests/support/rig/rig_fixture.hpp"

using namespace hiltest;
using namespace hiltest::probe;
using namespace hiltest::probe::connect;
using namespace hiltest::testing;

namespace {

constexpr uint32_t kDemcr = 0xE000EDFC, kDhcsr = 0xE000EDF0;
const std::string kRelease = "release the board's RESET button now";

struct ButtonRig {
    ButtonRig(uint64_t button_ms, ConnectOptions c = {}, const std::string& firmware = "swd_lockout")
        : bench(options(button_ms, firmware)), probe(bench.transport(), bench.clock()), connector(probe, bench.clock(), with_notes(c))
    {
    }
    static sim::RigConfig options(uint64_t button_ms, const std::string& firmware)
    {
        sim::RigConfig o = rig_config(firmware);
        o.nrst_wired = false;
        o.reset_button = std::chrono::milliseconds(button_ms);
        return o;
    }
    ConnectOptions with_notes(ConnectOptions c)
    {
        c.retry.seed = 3;
        c.note = [this](const std::string& line) { notes.push_back(line); };
        return c;
    }
    std::size_t notes_with(const std::string& text) const
    {
        return static_cast<std::size_t>(std::count_if(notes.begin(), notes.end(), [&](const std::string& line) {
            return line.find(text) != std::string::npos;
        }));
    }

    std::vector<std::string> notes;
    sim::Rig bench;
    stlink::StlinkProbe probe;
    Connector connector;
};

ConnectOptions nrst_not_wired()
{
    ConnectOptions c;
    c.nrst_wired = false;
    return c;
}

TEST(ConnectResetButton, AHeldButtonIsCaughtAtTheResetVectorByTheFirstPlainAttempt)
{
    ButtonRig rig(1500, nrst_not_wired());
    const Connection c = rig.connector.connect();
    EXPECT_EQ(c.strategy, Strategy::Plain);
    EXPECT_TRUE(c.core_halted);
    EXPECT_TRUE(c.reset_seen);
    EXPECT_TRUE(c.target_was_reset()) << "the firmware restarted: a reconnect like this ends a test as target-reset";
    EXPECT_FALSE(c.nrst_effective);
    EXPECT_EQ(rig.connector.statistics().attempt_count(), 1u);
    // At the start of a run the attempt log keeps no restarted_firmware: nothing was under test.
    EXPECT_FALSE(rig.connector.statistics().attempts()[0].target_reset);

    // Told first to keep holding, then, once armed, to let go: exactly once, in those words.
    ASSERT_EQ(rig.notes.size(), 2u) << ::testing::PrintToString(rig.notes);
    EXPECT_NE(rig.notes[0].find("connecting: "), std::string::npos) << rig.notes[0];
    EXPECT_NE(rig.notes[0].find("(holding the board's RESET button? keep holding it until hiltest says to release it)"),
              std::string::npos)
        << rig.notes[0];
    EXPECT_EQ(rig.notes[1], kRelease);

    EXPECT_FALSE(rig.bench.board().in_reset());
    const uint32_t reset_vector = rig.probe.read_word(0x08000004) & ~1u;
    EXPECT_EQ(rig.probe.read_core_register(15), reset_vector) << "halted before the lockout's first instruction";
    EXPECT_EQ(rig.probe.read_word(kDemcr) & 1u, 0u) << "VC_CORERESET is cleared again";
    EXPECT_EQ(c.target.chip_name(), "STM32F103 medium density");
}

TEST(ConnectResetButton, AButtonStillHeldWhenTheWindowEndsIsATimeoutThatSaysSoAndIsNotRetried)
{
    ButtonRig rig(60'000);  // let go after a minute: long after the default window of 10 s
    Error error(ErrorKind::Internal, "");
    try {
        rig.connector.connect();
        ADD_FAILURE() << "connected with the core in reset";
    } catch (const Error& e) {
        error = e;
    }
    EXPECT_EQ(error.kind(), ErrorKind::Timeout);
    EXPECT_NE(std::string(error.what()).find("the core stayed in reset for 10 s: release the RESET button when asked"),
              std::string::npos)
        << error.what();
    EXPECT_EQ(rig.connector.statistics().attempt_count(), 1u) << "nobody let go: another attempt would wait in vain";
    EXPECT_EQ(rig.notes_with(kRelease), 1u) << ::testing::PrintToString(rig.notes);
    EXPECT_TRUE(rig.bench.board().in_reset());

    // The catch is disarmed: let go at last, the board runs its firmware instead of staying halted.
    rig.bench.board().set_reset_button(false);
    rig.bench.board().run_for(1'000'000);
    EXPECT_NE(rig.bench.board().core().state(), sim::RunState::Halted);
}

TEST(ConnectResetButton, TheWindowIsAnOption)
{
    ConnectOptions c;
    EXPECT_EQ(c.reset_release_window, std::chrono::seconds(10));
    c.reset_release_window = std::chrono::milliseconds(2500);
    ButtonRig rig(5'000, c);
    try {
        rig.connector.connect();
        ADD_FAILURE() << "connected with the core in reset";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Timeout);
        EXPECT_NE(std::string(e.what()).find("stayed in reset for 2500 ms"), std::string::npos) << e.what();
    }
}

TEST(ConnectResetButton, UnderResetWithoutAWiredNrstWaitsForTheButtonToo)
{
    // `--connect under-reset` with NRST unknown: the ST-Link's line reaches nothing, the person
    // holds the button and lets go when told.
    ConnectOptions c;
    c.mode = ConnectMode::UnderReset;
    ButtonRig rig(1500, c);
    const Connection connection = rig.connector.connect();
    EXPECT_EQ(connection.strategy, Strategy::UnderReset);
    EXPECT_TRUE(connection.core_halted);
    EXPECT_EQ(rig.connector.statistics().attempt_count(), 1u);
    EXPECT_EQ(rig.notes_with(kRelease), 1u) << ::testing::PrintToString(rig.notes);
    EXPECT_FALSE(rig.bench.board().in_reset());
    EXPECT_EQ(rig.probe.read_core_register(15), rig.probe.read_word(0x08000004) & ~1u);
}

TEST(ConnectResetButton, AHealthyBoardIsNotMistakenForOneHeldInReset)
{
    // Fresh from power-on the first DHCSR read shows S_RESET_ST; the second does not.
    ButtonRig rig(0, nrst_not_wired(), "blink_delay");
    rig.bench.board().run_for(1'000'000);
    const Connection c = rig.connector.connect();
    EXPECT_TRUE(c.reset_seen) << "the power-on reset, news to the first read";
    EXPECT_FALSE(c.core_halted);
    EXPECT_EQ(rig.notes_with(kRelease), 0u) << ::testing::PrintToString(rig.notes);
    EXPECT_EQ(rig.probe.read_word(kDhcsr) & (1u << 17), 0u) << "left running, as a plain attach does";
}

}  // namespace
