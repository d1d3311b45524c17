#pragma once
// The last resort for a board whose debug port is locked out and whose NRST is not wired:
// switch its power off and on. A bench provides a command (a USB hub port switch, a relay: see
// runner/bench/board_hooks.hpp); the virtual bench provides a function that toggles the
// simulated supply.
#include <functional>
#include <string>
#include <utility>

namespace hiltest::probe::connect {

class PowerCycleHook {
public:
    virtual ~PowerCycleHook() = default;
    virtual std::string describe() const = 0;
    virtual void power_cycle() = 0;  // throws hiltest::Error on failure
};

class FunctionPowerCycle final : public PowerCycleHook {
public:
    FunctionPowerCycle(std::string description, std::function<void()> action)
        : description_(std::move(description)), action_(std::move(action))
    {
    }
    std::string describe() const override { return description_; }
    void power_cycle() override { action_(); }

private:
    std::string description_;
    std::function<void()> action_;
};

}  // namespace hiltest::probe::connect
