#pragma once
// One board's share of `hiltest run`: its before hook, its probe (a real ST-Link or the
// simulated bench), the session, its after hook; everything that happens lands in the
// board's SuiteResult. Each board owns all of this, so several run side by side in threads.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "reports/result.hpp"
#include "runner/bench/bench_model.hpp"
#include "runner/bench/board_hooks.hpp"
#include "runner/session/firmware.hpp"
#include "runner/session/session.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::cli {

struct BoardRunOptions {
    session::SessionOptions session;  // filter, repeat, shard, seed, interrupt flag (callbacks are set here)
    uint64_t seed = 1;               // the run's seed: simulated boards without their own
    std::string flash_state;         // --flash-state, for a simulated board without its own
    // A simulated board without a power_cycle hook may still switch its simulated supply (the
    // single-board `hiltest run`); on a bench only a hook makes a power cycle possible.
    bool simulated_supply_switch = false;
    bool terminal = false;  // console progress bars redraw in place
    bool colour = false;    // ANSI colours in the console (a terminal without NO_COLOR)
    bool verbose = false;   // --verbose: the target's output on the console as it arrives
};

// Never throws for what happens on the board: hook failures, an unreachable probe and a lost
// connection become the result's error. Throws hiltest::Error for the user's mistakes (Usage,
// SuiteInvalid, ImageFormat). `console` receives the board's console lines.
reports::SuiteResult run_board(const suite::Suite& suite, const std::optional<session::Firmware>& firmware,
                               const bench::Bench& bench, const bench::BoardSpec& board, BoardRunOptions options,
                               std::ostream& console);

// Every board at once, each in its own thread with its own probe, session, hooks and console
// stream (lines prefixed "[board] "); a board's trouble stays in its own result. Rethrows the
// first user mistake (see run_board) after every board finished.
std::vector<reports::SuiteResult> run_boards(const suite::Suite& suite, const std::optional<session::Firmware>& firmware,
                                             const bench::Bench& bench, const std::vector<const bench::BoardSpec*>& boards,
                                             const BoardRunOptions& options, std::ostream& console);

// The board `hiltest run` uses without a bench file: the suite's probe (or --probe), with
// --power-cycle as its power_cycle hook.
bench::BoardSpec implicit_board(const suite::Suite& suite, const std::string& power_cycle_command);

}  // namespace hiltest::cli
