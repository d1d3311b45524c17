#include "probe/connect/retry_policy.hpp"

#include <algorithm>

namespace hiltest::probe::connect {

Backoff::Backoff(const RetryPolicy& policy)
    : policy_(policy), base_ns_(static_cast<double>(policy.initial_backoff.count())), random_(policy.seed)
{
}

Duration Backoff::next()
{
    const double capped = std::min(base_ns_, static_cast<double>(policy_.max_backoff.count()));
    // Uniform in [1 - jitter, 1 + jitter], from the policy's seed only.
    const double unit = static_cast<double>(random_() >> 11) * (1.0 / 9007199254740992.0);
    const double factor = 1.0 + policy_.jitter * (2.0 * unit - 1.0);
    base_ns_ *= policy_.multiplier;
    return Duration(static_cast<Duration::rep>(capped * factor));
}

}  // namespace hiltest::probe::connect
