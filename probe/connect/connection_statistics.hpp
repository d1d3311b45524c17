#pragma once
// Every connection attempt, recorded for the reports: which strategy at which SWD clock,
// what went wrong (kind + message), how long it took and how long we backed off before it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "probe/base/clock.hpp"
#include "probe/base/error.hpp"

namespace hiltest::probe::connect {

enum class Strategy { Plain, UnderReset, SlowClock, SlowClockUnderReset, PowerCycle };

std::string_view to_string(Strategy strategy);

struct AttemptRecord {
    Strategy strategy = Strategy::Plain;
    uint32_t swd_khz = 0;
    bool succeeded = false;
    std::optional<ErrorKind> error_kind;
    std::string error_message;
    Duration duration{0};
    Duration backoff_before{0};
    bool usb_reset_before = false;  // the previous attempt hit a USB error: the dongle was reset first
    bool target_reset = false;      // a successful attempt that restarted the firmware (NRST, power, found reset)
    // The test and step this connect interrupted (a reconnect); empty at the start of a run.
    std::string test;
    std::string step;
};

// Accumulates over every connect of a session (a suite may reconnect after a reset).
class ConnectionStatistics {
public:
    void record(AttemptRecord attempt);
    void record_connected(Duration time_to_connect);
    void record_gave_up();

    const std::vector<AttemptRecord>& attempts() const { return attempts_; }
    std::size_t attempt_count() const { return attempts_.size(); }
    // Attempts beyond the first of each connect.
    std::size_t retries() const { return attempts_.size() - connects_started(); }
    std::size_t connections() const { return times_to_connect_.size(); }
    std::size_t failures() const { return failures_; }
    std::size_t usb_resets() const;
    std::size_t power_cycles() const;
    std::map<std::string, std::size_t> successes_by_strategy() const;
    std::map<std::string, std::size_t> errors_by_kind() const;
    const std::vector<Duration>& times_to_connect() const { return times_to_connect_; }

    nlohmann::json to_json() const;

    void begin_connect() { ++connects_; }

private:
    std::size_t connects_started() const { return connects_; }

    std::vector<AttemptRecord> attempts_;
    std::vector<Duration> times_to_connect_;
    std::size_t failures_ = 0;
    std::size_t connects_ = 0;
};

}  // namespace hiltest::probe::connect
