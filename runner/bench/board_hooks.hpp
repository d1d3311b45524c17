#pragma once
// Runs one board's hook commands (before, after, power_cycle and the stimulus hooks) through
// /bin/sh in the bench file's folder, with the board named in the environment, a timeout and the
// output captured, and keeps a record of every run for the board's report.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "probe/base/clock.hpp"
#include "probe/base/error.hpp"
#include "probe/connect/power_cycle.hpp"
#include "runner/bench/bench_model.hpp"

namespace hiltest::bench {

struct HookRun {
    HookKind kind = HookKind::Before;
    std::string command;
    int exit_code = -1;
    bool timed_out = false;
    double duration_ms = 0;  // wall time: hooks act on the real world
    std::string output;      // stdout and stderr; the last 8 KiB when longer

    bool succeeded() const { return !timed_out && exit_code == 0; }
};

class BoardHooks {
public:
    using Environment = std::vector<std::pair<std::string, std::string>>;

    BoardHooks(const Bench& bench, const BoardSpec& board);

    bool has(HookKind kind) const { return spec(kind) != nullptr; }
    // Runs the hook if the board has one (no-op otherwise) and records it, with `details` added
    // to its environment (a stimulus hook's HILTEST_PIN, …). Never throws for a failing
    // command; see failure().
    std::optional<HookRun> run(HookKind kind, const Environment& details = {});

    // The Error a failed hook run stands for (kind HookFailed), in the user's terms.
    Error failure(const HookRun& run) const;

    // The board's power_cycle hook as a connection strategy (nullptr without one). `also` runs
    // after the command succeeded (the simulated supply switch of a simulated board); then the
    // board settles on `clock`.
    probe::connect::PowerCycleHook* power_cycle(Clock& clock, std::function<void()> also = {});

    const std::vector<HookRun>& runs() const { return runs_; }
    nlohmann::json to_json() const;  // the run's "hooks" array in the JSON report

private:
    class PowerCycle;
    const HookSpec* spec(HookKind kind) const;

    const BoardSpec& board_;
    std::string working_directory_;
    SteadyClock wall_clock_;
    std::vector<HookRun> runs_;
    std::unique_ptr<probe::connect::PowerCycleHook> power_cycle_;
};

}  // namespace hiltest::bench
