#pragma once
// Attaching to the target, robustly: strategies (plain; under reset; slower SWD clock;
// power cycle), retried with backoff within bounds, every attempt recorded. On final
// failure the error says what the symptom means and what the user can do.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "probe/arm/cortex_m.hpp"
#include "probe/connect/connect_plan.hpp"
#include "probe/connect/connection_statistics.hpp"
#include "probe/connect/power_cycle.hpp"
#include "probe/connect/retry_policy.hpp"
#include "probe/stlink/stlink_probe.hpp"
#include "probe/target/target_detection.hpp"

namespace hiltest::probe::connect {

enum class ConnectMode { Auto, Plain, UnderReset };

// "auto" | "normal" | "under-reset"; throws Usage otherwise.
ConnectMode parse_connect_mode(std::string_view text);

struct ConnectOptions {
    ConnectMode mode = ConnectMode::Auto;
    uint32_t swd_khz = 1800;
    uint32_t slow_swd_khz = 100;
    // The STM32F1's supply range starts at 2.0 V; its power-down reset holds the chip below
    // about 1.9 V (docs/chip-facts.md, "Supply and reset"). A reading below this explains a
    // silent debug port.
    double min_voltage = 2.0;
    RetryPolicy retry;
    PowerCycleHook* power_cycle = nullptr;
    // Whether the ST-Link's NRST reaches the chip, as the bench declares it: false leaves the
    // under-reset strategies out (they cannot work); unknown tries them.
    std::optional<bool> nrst_wired;
    std::string declared_target;      // e.g. "stm32f103c8"; empty = accept what is there
    bool halt = false;                // leave the core halted after a plain connect
    // A core found held in reset (the board's RESET button pressed) is armed to halt at the
    // reset vector and the person told to let go; this long it may stay in reset after that
    // before the connect fails (Timeout, not retried).
    Duration reset_release_window = std::chrono::seconds(10);
    // One-line progress notes for the person watching ("connecting …", "release RESET now").
    std::function<void(const std::string&)> note;
};

struct Connection {
    Strategy strategy = Strategy::Plain;
    uint32_t swd_khz = 0;
    uint32_t dpidr = 0;
    double voltage = 0.0;   // 0 when the probe cannot measure it
    bool core_halted = false;
    bool nrst_effective = false;  // under reset: the reset line demonstrably reached the chip
    // DHCSR.S_RESET_ST on the first read of a plain attach: the target reset (power loss,
    // brownout, watchdog) since the debugger last looked.
    bool reset_seen = false;
    uint32_t dbgmcu_cr_before = 0;  // DBGMCU_CR before connect set the low-power debug bits
    target::DetectedTarget target;

    // This connect restarted the firmware: it reset the chip, cycled its power, or found it reset.
    bool target_was_reset() const { return nrst_effective || strategy == Strategy::PowerCycle || reset_seen; }
};

// Where a connect happened, for the attempt log: the test and step it interrupted (empty for
// the connect at the start of a run).
struct ConnectContext {
    std::string test;
    std::string step;
};

class Connector {
public:
    Connector(stlink::StlinkProbe& probe, Clock& clock, ConnectOptions options);

    // Throws the final hiltest::Error (kind of the last failure) after the bounded retries.
    Connection connect(const ConnectContext& context = {});

    // The strategies the mode tries, in order.
    std::vector<Strategy> plan() const { return plan_for(options_); }

    const ConnectionStatistics& statistics() const { return statistics_; }
    ConnectionStatistics& statistics() { return statistics_; }
    const ConnectOptions& options() const { return options_; }

private:
    Connection attempt(Strategy strategy);
    void attach_under_reset(arm::CortexM& core, Connection& c);
    uint32_t read_dpidr();
    // The core is held in reset: catch it at the reset vector as the person lets go
    // (reset_release.hpp); throws Timeout after options_.reset_release_window.
    void wait_for_reset_release(arm::CortexM& core, const std::function<void(const std::string&)>& note);
    target::DetectedTarget detect_target(uint32_t dpidr);
    bool worth_another_attempt(const Error& e, std::optional<target::TargetIds>& wrong_target);
    void announce(std::size_t index, std::size_t count, Strategy strategy, const std::vector<Error>& errors);
    [[noreturn]] void give_up(const std::vector<Error>& errors);

    stlink::StlinkProbe& probe_;
    Clock& clock_;
    ConnectOptions options_;
    ConnectionStatistics statistics_;
    Backoff backoff_;
    bool need_usb_reset_ = false;
    bool nrst_may_be_asserted_ = false;  // an earlier attempt could not release NRST
    bool stayed_in_reset_ = false;       // the RESET button was not let go in time: no retry helps
    target::TargetIds detected_ids_;     // what the last attempt's ID reads agreed on
};

// Puts DBGMCU_CR back as it was before connect() (debug in Sleep/Stop/Standby off again).
void restore_low_power_debug(arm::TargetAccess& target, const Connection& connection);

// Whether another attempt can help after an error of this kind.
bool is_retryable(ErrorKind kind);
// The error says the USB side failed (the dongle, not the board): the next attempt resets the
// dongle and tries the same strategy again.
bool is_usb_failure(ErrorKind kind);

}  // namespace hiltest::probe::connect
