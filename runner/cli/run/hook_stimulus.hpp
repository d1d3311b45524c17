#pragma once
// A board's set_pin / uart_send / set_analog as the session carries them out: through the
// board's stimulus hooks in the bench file, then (on a simulated board) on the simulated board,
// which follows each hook as its supply follows the power_cycle hook. Without a hook, the
// simulated board alone.
#include "runner/bench/board_hooks.hpp"
#include "runner/session/board_stimulus.hpp"

namespace hiltest::cli {

class HookStimulus final : public session::BoardStimulus {
public:
    // `simulated_board`: the board is simulated, so it provides every stimulus; attach() its
    // backend's once there is one.
    HookStimulus(bench::BoardHooks& hooks, bool simulated_board) : hooks_(hooks), simulated_board_(simulated_board) {}
    void attach(session::BoardStimulus* simulated) { simulated_ = simulated; }

    bool provides(std::string_view step_kind) const override;
    void set_pin(const suite::Pin& pin, std::optional<suite::Level> level) override;
    void uart_send(unsigned port, std::string_view bytes) override;
    void set_analog(const suite::Pin& pin, double volts) override;

private:
    // Runs the hook if there is one; throws its failure (HookFailed).
    void run_hook(bench::HookKind kind, const bench::BoardHooks::Environment& details);

    bench::BoardHooks& hooks_;
    bool simulated_board_;
    session::BoardStimulus* simulated_ = nullptr;
};

}  // namespace hiltest::cli
