#pragma once
// Which tests a run carries out, in which order: the suite's tests that match --filter, the
// tests they depend on (a filtered test must not be skipped for a dependency the filter left
// out), this runner's --shard share, each round of --repeat in suite order.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/session/board_stimulus.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::session {

// The selected tests in suite order, run `rounds` times (--repeat; not spelled out, so that
// --repeat 1000000 costs no memory).
struct TestPlan {
    std::vector<const suite::Test*> tests;
    unsigned rounds = 1;

    std::size_t size() const { return tests.size() * rounds; }
};

struct TestSelection {
    std::string filter = "*";  // glob on test names
    unsigned repeat = 1;
    unsigned shard_index = 0;  // 0-based
    unsigned shard_count = 1;
};

// Throws hiltest::Error (Usage) when --filter selects nothing: a CI job that runs no test must
// not be green. The message lists the suite's tests. A shard may be empty (more shards than
// groups of tests), and so may a suite without tests (`hiltest bench check` only connects).
TestPlan plan_tests(const suite::Suite& suite, const TestSelection& selection);

// Throws hiltest::Error (SuiteInvalid) when a planned test has a step the board cannot carry
// out: a set_pin / uart_send / set_analog (`stimulus` nullptr: none), or an expect_blink with
// "sampler": "logic_analyser" on a board without one. Found before anything runs, not as an
// error halfway through a test; the message names the test, the step and where it is, and how
// to give the board what it lacks.
void check_board_provides(const TestPlan& plan, const BoardStimulus* stimulus, bool has_logic_analyser);

// Refuses (SuiteInvalid, naming the step) a plan whose steps read an output channel no source of
// this board carries (`carries`): a "uart2" on a bench board without a serial port for it.
void check_channels_carried(const TestPlan& plan, const std::function<bool(std::string_view)>& carries);

// Whether any step of the suite reads or writes RTT: only then does the session look for the
// control block (a scan of SRAM costs USB transactions).
bool suite_uses_rtt(const suite::Suite& suite);

}  // namespace hiltest::session
