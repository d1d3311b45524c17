#pragma once
// How long to wait between connection attempts: exponential backoff with seeded jitter,
// bounded in attempts and in total time. The seed is explicit so a run can be repeated.
#include <cstdint>
#include <random>

#include "probe/base/clock.hpp"

namespace hiltest::probe::connect {

struct RetryPolicy {
    int max_attempts = 6;
    Duration max_total = std::chrono::seconds(20);
    Duration initial_backoff = std::chrono::milliseconds(50);
    double multiplier = 2.0;
    Duration max_backoff = std::chrono::seconds(2);
    double jitter = 0.25;  // each wait is scaled by a factor in [1 - jitter, 1 + jitter]
    uint64_t seed = 0;
};

class Backoff {
public:
    explicit Backoff(const RetryPolicy& policy);
    // The wait before the next retry; grows by `multiplier` up to `max_backoff`.
    Duration next();

private:
    RetryPolicy policy_;
    double base_ns_;
    std::mt19937_64 random_;
};

}  // namespace hiltest::probe::connect
