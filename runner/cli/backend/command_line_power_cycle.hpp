#pragma once
// --power-cycle CMD of the single-probe commands (info, flash, reset …): the command run the way
// a bench runs a board's power_cycle hook (shell, current directory, timeout, settle time).
#include <memory>
#include <string>

#include "probe/base/clock.hpp"
#include "probe/connect/power_cycle.hpp"
#include "runner/bench/bench_model.hpp"
#include "runner/bench/board_hooks.hpp"

namespace hiltest::cli {

class CommandLinePowerCycle {
public:
    CommandLinePowerCycle(const std::string& command, Clock& clock);
    probe::connect::PowerCycleHook* hook() { return hook_; }

private:
    bench::Bench bench_;
    bench::BoardSpec board_;
    std::unique_ptr<bench::BoardHooks> hooks_;
    probe::connect::PowerCycleHook* hook_ = nullptr;
};

}  // namespace hiltest::cli
