// Retry policy, statistics and strategy planning, without a target.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "probe/connect/connection_statistics.hpp"
#include "probe/connect/connector.hpp"
#include "probe/connect/power_cycle.hpp"
#include "probe/connect/retry_policy.hpp"

using namespace hiltest;
using namespace hiltest::probe::connect;
using namespace std::chrono_literals;

AttemptRecord attempt(Strategy strategy, bool succeeded, std::optional<ErrorKind> kind, std::string message,
                      Duration duration, Duration backoff)
{
    AttemptRecord record;
    record.strategy = strategy;
    record.swd_khz = 1800;
    record.succeeded = succeeded;
    record.error_kind = kind;
    record.error_message = std::move(message);
    record.duration = duration;
    record.backoff_before = backoff;
    return record;
}

TEST(ConnectBackoff, GrowsExponentiallyWithinJitterAndCap)
{
    RetryPolicy policy;
    policy.initial_backoff = 100ms;
    policy.multiplier = 2.0;
    policy.max_backoff = 500ms;
    policy.jitter = 0.2;
    policy.seed = 42;
    Backoff backoff(policy);
    const double expected_ms[] = {100, 200, 400, 500, 500};
    for (double base : expected_ms) {
        const double ms = std::chrono::duration<double, std::milli>(backoff.next()).count();
        EXPECT_GE(ms, base * 0.8);
        EXPECT_LE(ms, base * 1.2);
    }
}

TEST(ConnectBackoff, SameSeedSameWaitsDifferentSeedDifferentWaits)
{
    RetryPolicy policy;
    policy.seed = 7;
    Backoff a(policy), b(policy);
    policy.seed = 8;
    Backoff c(policy);
    bool any_difference = false;
    for (int i = 0; i < 5; ++i) {
        const auto x = a.next();
        EXPECT_EQ(x, b.next());
        any_difference = any_difference || x != c.next();
    }
    EXPECT_TRUE(any_difference);
}

TEST(ConnectStatistics, CountsAndJson)
{
    ConnectionStatistics stats;
    stats.begin_connect();
    stats.record(attempt(Strategy::Plain, false, ErrorKind::TargetNotResponding, "no answer", 3ms, 0ms));
    stats.record(attempt(Strategy::UnderReset, true, std::nullopt, "", 5ms, 50ms));
    stats.record_connected(58ms);
    EXPECT_EQ(stats.attempt_count(), 2u);
    EXPECT_EQ(stats.retries(), 1u);
    EXPECT_EQ(stats.successes_by_strategy().at("under-reset"), 1u);
    EXPECT_EQ(stats.errors_by_kind().at("target-not-responding"), 1u);
    const auto json = stats.to_json();
    EXPECT_EQ(json["attempts"], 2);
    EXPECT_EQ(json["retries"], 1);
    EXPECT_EQ(json["connections"], 1);
    EXPECT_EQ(json["attempt_log"][0]["strategy"], "plain");
    EXPECT_EQ(json["attempt_log"][0]["error_kind"], "target-not-responding");
    EXPECT_EQ(json["attempt_log"][1]["result"], "connected");
    EXPECT_DOUBLE_EQ(json["attempt_log"][1]["backoff_ms"].get<double>(), 50.0);
    EXPECT_DOUBLE_EQ(json["time_to_connect_ms"][0].get<double>(), 58.0);
}

TEST(ConnectMode, Parses)
{
    EXPECT_EQ(parse_connect_mode("auto"), ConnectMode::Auto);
    EXPECT_EQ(parse_connect_mode("normal"), ConnectMode::Plain);
    EXPECT_EQ(parse_connect_mode("under-reset"), ConnectMode::UnderReset);
    EXPECT_THROW(parse_connect_mode("hard"), Error);
}

TEST(ConnectRetryable, DecidesOnKindOnly)
{
    EXPECT_TRUE(is_retryable(ErrorKind::TargetNotResponding));
    EXPECT_TRUE(is_retryable(ErrorKind::UsbTimeout));
    EXPECT_FALSE(is_retryable(ErrorKind::Permission));
    EXPECT_FALSE(is_retryable(ErrorKind::WrongTarget));
    EXPECT_FALSE(is_retryable(ErrorKind::ProbeNotFound));
    EXPECT_TRUE(is_retryable(ErrorKind::LowVoltage));  // a brownout may pass
    EXPECT_TRUE(is_retryable(ErrorKind::LinkNoise));
}

TEST(ConnectPlan, WithoutNrstLeavesUnderResetOutAndEndsWithThePowerCycle)
{
    ManualClock clock;
    FunctionPowerCycle hook("switch", [] {});
    ConnectOptions options;
    options.mode = ConnectMode::Auto;
    options.nrst_wired = false;
    options.power_cycle = &hook;
    options.retry.max_attempts = 10;
    const std::vector<Strategy> plan = plan_for(options);
    for (Strategy s : plan) {
        EXPECT_NE(s, Strategy::UnderReset);
        EXPECT_NE(s, Strategy::SlowClockUnderReset);
    }
    ASSERT_GE(plan.size(), 3u);
    EXPECT_EQ(plan.front(), Strategy::Plain);
    EXPECT_EQ(plan[plan.size() - 2], Strategy::PowerCycle);
}

TEST(ConnectPlan, AShortRetryBudgetStillReachesThePowerCycle)
{
    // The suite default (retries 3 = four attempts) used to cut the power cycle off the plan.
    FunctionPowerCycle hook("switch", [] {});
    ConnectOptions options;
    options.mode = ConnectMode::Auto;
    options.power_cycle = &hook;
    options.retry.max_attempts = 4;
    const std::vector<Strategy> plan = plan_for(options);
    ASSERT_EQ(plan.size(), 4u);
    EXPECT_EQ(plan[2], Strategy::PowerCycle);
    EXPECT_EQ(plan.back(), Strategy::UnderReset);  // one attach after the power comes back
    EXPECT_EQ(plan.front(), Strategy::Plain);
}

TEST(ConnectPlan, NoRetriesMeansOneOrdinaryAttemptNotAPowerCycle)
{
    // retries: 0 used to make the only attempt a power cycle.
    FunctionPowerCycle hook("switch", [] {});
    ConnectOptions options;
    options.power_cycle = &hook;
    options.retry.max_attempts = 1;
    EXPECT_EQ(plan_for(options), std::vector<Strategy>{Strategy::Plain});
    options.mode = ConnectMode::UnderReset;
    EXPECT_EQ(plan_for(options), std::vector<Strategy>{Strategy::UnderReset});
}

TEST(ConnectPlan, ABudgetLargerThanTheStrategyListIsUsedInFull)
{
    // retries above the strategy list used to be capped silently at six attempts.
    FunctionPowerCycle hook("switch", [] {});
    ConnectOptions options;
    options.power_cycle = &hook;
    options.retry.max_attempts = 11;
    const std::vector<Strategy> plan = plan_for(options);
    ASSERT_EQ(plan.size(), 11u);
    EXPECT_EQ(std::count(plan.begin(), plan.end(), Strategy::PowerCycle), 1);
    EXPECT_EQ(plan[9], Strategy::PowerCycle);
    EXPECT_EQ(std::count(plan.begin(), plan.end(), Strategy::Plain), 3);  // the auto order, repeated
    options.power_cycle = nullptr;
    options.retry.max_attempts = 30;
    EXPECT_EQ(plan_for(options).size(), 30u);
}

TEST(ConnectPlan, WithNrstUnknownUnderResetIsTried)
{
    ConnectOptions options;
    options.mode = ConnectMode::Auto;
    const std::vector<Strategy> plan = plan_for(options);
    EXPECT_NE(std::find(plan.begin(), plan.end(), Strategy::UnderReset), plan.end());
    EXPECT_EQ(std::find(plan.begin(), plan.end(), Strategy::PowerCycle), plan.end());
}

TEST(ConnectStatistics, CountsUsbResetsAndPowerCycles)
{
    ConnectionStatistics stats;
    stats.begin_connect();
    AttemptRecord wedged = attempt(Strategy::Plain, false, ErrorKind::UsbIo, "stall", 3ms, 0ms);
    AttemptRecord after_reset = attempt(Strategy::UnderReset, false, ErrorKind::TargetNotResponding, "no ACK", 3ms, 50ms);
    after_reset.usb_reset_before = true;
    AttemptRecord cycled = attempt(Strategy::PowerCycle, true, std::nullopt, "", 3ms, 100ms);
    stats.record(wedged);
    stats.record(after_reset);
    stats.record(cycled);
    EXPECT_EQ(stats.usb_resets(), 1u);
    EXPECT_EQ(stats.power_cycles(), 1u);
    const auto json = stats.to_json();
    EXPECT_EQ(json["usb_resets"], 1);
    EXPECT_EQ(json["power_cycles"], 1);
    EXPECT_EQ(json["attempt_log"][1]["usb_reset_before"], true);
    EXPECT_EQ(json["attempt_log"][0]["usb_reset_before"], false);
}
