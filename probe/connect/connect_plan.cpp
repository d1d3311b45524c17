#include "probe/connect/connect_plan.hpp"

#include <algorithm>

#include "probe/connect/connector.hpp"

namespace hiltest::probe::connect {

bool is_under_reset(Strategy s) { return s == Strategy::UnderReset || s == Strategy::SlowClockUnderReset; }
bool is_slow(Strategy s) { return s == Strategy::SlowClock || s == Strategy::SlowClockUnderReset; }
bool resets_target(Strategy s) { return is_under_reset(s) || s == Strategy::PowerCycle; }

namespace {

// The mode's strategies without the power cycle, in the order they are worth trying.
std::vector<Strategy> base_order(const ConnectOptions& options)
{
    if (options.nrst_wired == false) {
        // Without NRST an under-reset attempt is a plain one that only uses up the budget.
        return {Strategy::Plain, Strategy::SlowClock};
    }
    switch (options.mode) {
    case ConnectMode::Plain: return {Strategy::Plain, Strategy::Plain, Strategy::SlowClock, Strategy::SlowClock};
    case ConnectMode::UnderReset: return {Strategy::UnderReset, Strategy::UnderReset, Strategy::SlowClockUnderReset};
    case ConnectMode::Auto: break;
    }
    return {Strategy::Plain, Strategy::UnderReset, Strategy::SlowClock, Strategy::SlowClockUnderReset};
}

// The attach that follows a power cycle: the way the mode attaches, under reset where it can.
Strategy after_power_cycle(const ConnectOptions& options)
{
    if (options.nrst_wired == false || options.mode == ConnectMode::Plain) return Strategy::Plain;
    return Strategy::UnderReset;
}

}  // namespace

std::vector<Strategy> plan_for(const ConnectOptions& options)
{
    const auto budget = static_cast<std::size_t>(std::max(1, options.retry.max_attempts));
    const std::vector<Strategy> order = base_order(options);
    // With a power switch: ..., power cycle, one more attach (the board may need a moment).
    std::vector<Strategy> tail;
    if (options.power_cycle && budget >= 2) {
        tail.push_back(Strategy::PowerCycle);
        if (budget >= 3) tail.push_back(after_power_cycle(options));
    }
    std::vector<Strategy> plan;
    for (std::size_t i = 0; plan.size() + tail.size() < budget; ++i) plan.push_back(order[i % order.size()]);
    plan.insert(plan.end(), tail.begin(), tail.end());
    return plan;
}

}  // namespace hiltest::probe::connect
