#pragma once
// Attaching to the target, robustly: strategies (plain; under reset; slower SWD clock;
// power cycle), retried with backoff within bounds, every attempt recorded. On final
// failure the error says what the symptom means and what the user can do.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "probe/arm/cortex_m.hpp"
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
    double min_voltage = 1.5;         // below this the board is treated as unpowered
    RetryPolicy retry;
    PowerCycleHook* power_cycle = nullptr;
    // Whether the ST-Link's NRST reaches the chip, as the bench declares it: false leaves the
    // under-reset strategies out (they cannot work); unknown tries them.
    std::optional<bool> nrst_wired;
    std::string declared_target;      // e.g. "stm32f103c8"; empty = accept what is there
    bool halt = false;                // leave the core halted after a plain connect
};

struct Connection {
    Strategy strategy = Strategy::Plain;
    uint32_t swd_khz = 0;
    uint32_t dpidr = 0;
    double voltage = 0.0;   // 0 when the probe cannot measure it
    bool core_halted = false;
    bool nrst_effective = false;  // under reset: the reset line demonstrably reached the chip
    uint32_t dbgmcu_cr_before = 0;  // DBGMCU_CR before connect set the low-power debug bits
    target::DetectedTarget target;
};

class Connector {
public:
    Connector(stlink::StlinkProbe& probe, Clock& clock, ConnectOptions options);

    // Throws the final hiltest::Error (kind of the last failure) after the bounded retries.
    Connection connect();

    // The strategies the mode tries, in order.
    std::vector<Strategy> plan() const { return plan_for(options_); }
    static std::vector<Strategy> plan_for(const ConnectOptions& options);

    const ConnectionStatistics& statistics() const { return statistics_; }
    ConnectionStatistics& statistics() { return statistics_; }

private:
    Connection attempt(Strategy strategy);
    [[noreturn]] void give_up(const std::vector<Error>& errors);

    stlink::StlinkProbe& probe_;
    Clock& clock_;
    ConnectOptions options_;
    ConnectionStatistics statistics_;
    Backoff backoff_;
    bool need_usb_reset_ = false;
};

// Puts DBGMCU_CR back as it was before connect() (debug in Sleep/Stop/Standby off again).
void restore_low_power_debug(arm::TargetAccess& target, const Connection& connection);

// Whether another attempt can help after an error of this kind.
bool is_retryable(ErrorKind kind);

}  // namespace hiltest::probe::connect
