#pragma once
// The last resort for a board whose debug port is locked out and whose NRST is not wired:
// switch its power off and on. A bench provides a command (a USB hub port switch, a relay);
// the virtual bench provides a function that toggles the simulated supply.
#include <chrono>
#include <functional>
#include <string>

#include "probe/base/clock.hpp"

namespace hiltest::probe::connect {

class PowerCycleHook {
public:
    virtual ~PowerCycleHook() = default;
    virtual std::string describe() const = 0;
    virtual void power_cycle() = 0;  // throws hiltest::Error on failure
};

// Runs `command` through /bin/sh (Boost.Process), killing it after `timeout`; then lets the
// board settle for `settle` on the Clock.
class CommandPowerCycle final : public PowerCycleHook {
public:
    CommandPowerCycle(std::string command, Clock& clock,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10),
                      Duration settle = std::chrono::milliseconds(500));
    std::string describe() const override { return "power-cycle command '" + command_ + "'"; }
    void power_cycle() override;

private:
    std::string command_;
    Clock& clock_;
    std::chrono::milliseconds timeout_;
    Duration settle_;
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
