#pragma once
// A logic analyser on the board's pins: every change of a pin's level, with the time it
// happened on the session's clock. The simulated board has one (its pin trace); a bench has
// none today. expect_blink's "sampler": "logic_analyser" reads through it.
#include <vector>

#include "probe/base/clock.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::session {

struct PinLevelChange {
    TimePoint time;
    bool level = false;
};

class PinObserver {
public:
    virtual ~PinObserver() = default;
    virtual bool level_at(const suite::Pin& pin, TimePoint time) const = 0;
    // The pin's changes after `from` up to and including `to`, in time order.
    virtual std::vector<PinLevelChange> changes(const suite::Pin& pin, TimePoint from, TimePoint to) const = 0;
};

}  // namespace hiltest::session
