#include "runner/bench/board_hooks.hpp"

#include <nlohmann/json.hpp>

#include "probe/base/external_command.hpp"

namespace hiltest::bench {
namespace {

constexpr std::size_t kKeptOutput = 8 * 1024;

std::string tail(std::string text)
{
    if (text.size() <= kKeptOutput) return text;
    return "[… " + std::to_string(text.size() - kKeptOutput) + " bytes cut …]\n" + text.substr(text.size() - kKeptOutput);
}

}  // namespace

class BoardHooks::PowerCycle final : public probe::connect::PowerCycleHook {
public:
    PowerCycle(BoardHooks& hooks, Clock& clock, std::function<void()> also)
        : hooks_(hooks), clock_(clock), also_(std::move(also))
    {
    }
    std::string describe() const override
    {
        return "the power_cycle hook '" + hooks_.spec(HookKind::PowerCycle)->command + "'";
    }
    void power_cycle() override
    {
        const std::optional<HookRun> run = hooks_.run(HookKind::PowerCycle);
        if (!run->succeeded()) throw hooks_.failure(*run);
        if (also_) also_();
        clock_.sleep_for(hooks_.spec(HookKind::PowerCycle)->settle);
    }

private:
    BoardHooks& hooks_;
    Clock& clock_;
    std::function<void()> also_;
};

BoardHooks::BoardHooks(const Bench& bench, const BoardSpec& board)
    : board_(board), working_directory_(bench.directory().string())
{
}

const HookSpec* BoardHooks::spec(HookKind kind) const
{
    const std::optional<HookSpec>& hook = board_.hook(kind);
    return hook ? &*hook : nullptr;
}

std::optional<HookRun> BoardHooks::run(HookKind kind, const Environment& details)
{
    const HookSpec* hook = spec(kind);
    if (!hook) return std::nullopt;
    // A hook is a shell command line by nature ("uhubctl -l 1-1 -p 2 -a cycle").
    ExternalCommand command({"/bin/sh", "-c", hook->command});
    command.timeout = hook->timeout;
    command.working_directory = working_directory_;
    command.environment = {{"HILTEST_BOARD", board_.name},
                           {"HILTEST_PROBE", board_.probe.to_string()},
                           {"HILTEST_HOOK", std::string(to_string(kind))}};
    command.environment.insert(command.environment.end(), details.begin(), details.end());
    HookRun record;
    record.kind = kind;
    record.command = hook->command;
    const TimePoint start = wall_clock_.now();
    const CommandResult result = run_external_command(command);
    record.duration_ms = std::chrono::duration<double, std::milli>(wall_clock_.now() - start).count();
    record.exit_code = result.exit_code;
    record.timed_out = result.timed_out;
    record.output = tail(result.output);
    runs_.push_back(record);
    return record;
}

Error BoardHooks::failure(const HookRun& run) const
{
    const std::string what = "board " + board_.name + ": the " + std::string(to_string(run.kind)) + " hook '" +
                             run.command + "'";
    std::string output = run.output;
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
    if (run.timed_out) {
        return Error(ErrorKind::HookFailed,
                     what + " did not finish within " + std::to_string(spec(run.kind)->timeout.count()) + " ms and was killed" +
                         (output.empty() ? "" : "; it printed: " + output),
                     "run it by hand from the bench file's folder; raise \"timeout_ms\" if it is just slow");
    }
    return Error(ErrorKind::HookFailed,
                 what + " failed with exit code " + std::to_string(run.exit_code) +
                     (output.empty() ? "" : ": " + output),
                 "run it by hand from the bench file's folder (HILTEST_BOARD=" + board_.name + ") to see why");
}

probe::connect::PowerCycleHook* BoardHooks::power_cycle(Clock& clock, std::function<void()> also)
{
    if (!board_.power_cycle) return nullptr;
    power_cycle_ = std::make_unique<PowerCycle>(*this, clock, std::move(also));
    return power_cycle_.get();
}

nlohmann::json BoardHooks::to_json() const
{
    nlohmann::json runs = nlohmann::json::array();
    for (const HookRun& run : runs_) {
        runs.push_back({{"hook", to_string(run.kind)},
                        {"command", run.command},
                        {"exit_code", run.exit_code},
                        {"timed_out", run.timed_out},
                        {"duration_ms", run.duration_ms},
                        {"output", run.output}});
    }
    return runs;
}

}  // namespace hiltest::bench
