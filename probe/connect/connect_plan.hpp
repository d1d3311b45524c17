#pragma once
// Which attach strategies a connect tries, in which order, within the retry budget. Pure: the
// plan depends only on the options, so it is unit-tested without a target.
#include <vector>

#include "probe/connect/connection_statistics.hpp"

namespace hiltest::probe::connect {

struct ConnectOptions;

bool is_under_reset(Strategy strategy);
bool is_slow(Strategy strategy);
// The strategy resets the target (NRST or power): the firmware restarts.
bool resets_target(Strategy strategy);

// Exactly `retry.max_attempts` strategies (at least one). The mode's own order comes first and
// is repeated to fill a larger budget; a power cycle, the last resort, stays the last-but-one
// attempt with one more attach after it when the budget allows, and never replaces the first
// attempt (retries 0 means one ordinary attempt).
std::vector<Strategy> plan_for(const ConnectOptions& options);

}  // namespace hiltest::probe::connect
