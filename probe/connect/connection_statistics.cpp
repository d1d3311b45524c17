#include "probe/connect/connection_statistics.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace hiltest::probe::connect {
namespace {

double to_ms(Duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

}  // namespace

std::string_view to_string(Strategy strategy)
{
    switch (strategy) {
    case Strategy::Plain: return "plain";
    case Strategy::UnderReset: return "under-reset";
    case Strategy::SlowClock: return "slow-clock";
    case Strategy::SlowClockUnderReset: return "slow-clock-under-reset";
    case Strategy::PowerCycle: return "power-cycle";
    }
    return "plain";
}

void ConnectionStatistics::record(AttemptRecord attempt) { attempts_.push_back(std::move(attempt)); }

void ConnectionStatistics::record_connected(Duration time_to_connect)
{
    times_to_connect_.push_back(time_to_connect);
}

void ConnectionStatistics::record_gave_up() { ++failures_; }

std::size_t ConnectionStatistics::usb_resets() const
{
    return static_cast<std::size_t>(
        std::count_if(attempts_.begin(), attempts_.end(), [](const AttemptRecord& a) { return a.usb_reset_before; }));
}

std::size_t ConnectionStatistics::power_cycles() const
{
    return static_cast<std::size_t>(std::count_if(attempts_.begin(), attempts_.end(), [](const AttemptRecord& a) {
        return a.strategy == Strategy::PowerCycle;
    }));
}

std::map<std::string, std::size_t> ConnectionStatistics::successes_by_strategy() const
{
    std::map<std::string, std::size_t> out;
    for (const auto& a : attempts_) {
        if (a.succeeded) ++out[std::string(to_string(a.strategy))];
    }
    return out;
}

std::map<std::string, std::size_t> ConnectionStatistics::errors_by_kind() const
{
    std::map<std::string, std::size_t> out;
    for (const auto& a : attempts_) {
        if (a.error_kind) ++out[std::string(hiltest::to_string(*a.error_kind))];
    }
    return out;
}

nlohmann::json ConnectionStatistics::to_json() const
{
    nlohmann::json log = nlohmann::json::array();
    for (const auto& a : attempts_) {
        nlohmann::json entry{
            {"strategy", to_string(a.strategy)},
            {"swd_khz", a.swd_khz},
            {"result", a.succeeded ? "connected" : "failed"},
            {"duration_ms", to_ms(a.duration)},
            {"backoff_ms", to_ms(a.backoff_before)},
            {"usb_reset_before", a.usb_reset_before},
        };
        if (a.error_kind) {
            entry["error_kind"] = hiltest::to_string(*a.error_kind);
            entry["error"] = a.error_message;
        }
        if (a.succeeded && !a.test.empty()) entry["restarted_firmware"] = a.target_reset;
        if (!a.test.empty()) entry["test"] = a.test;
        if (!a.step.empty()) entry["step"] = a.step;
        log.push_back(std::move(entry));
    }
    nlohmann::json times = nlohmann::json::array();
    for (auto t : times_to_connect_) times.push_back(to_ms(t));
    return nlohmann::json{
        {"attempts", attempts_.size()},
        {"retries", retries()},
        {"connections", connections()},
        {"failures", failures_},
        {"usb_resets", usb_resets()},
        {"power_cycles", power_cycles()},
        {"successes_by_strategy", successes_by_strategy()},
        {"errors_by_kind", errors_by_kind()},
        {"time_to_connect_ms", times},
        {"attempt_log", log},
    };
}

}  // namespace hiltest::probe::connect
