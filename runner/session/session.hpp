#pragma once
// Runs a parsed suite against one probe: prepares the firmware (build, load), connects once
// through the connection strategies, runs the tests in order and returns their results for
// the reports. The probe and clock come from the composition root: a real ST-Link with the wall
// clock, or the virtual bench with simulated time.
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "probe/base/clock.hpp"
#include "probe/base/error.hpp"
#include "probe/connect/power_cycle.hpp"
#include "probe/flash/flash_progress.hpp"
#include "probe/usb/transport.hpp"
#include "reports/result.hpp"
#include "runner/session/board_stimulus.hpp"
#include "runner/session/firmware.hpp"
#include "runner/session/output_source.hpp"
#include "runner/session/pin_observer.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::session {

struct ProbeLink {
    probe::usb::Transport& transport;
    Clock& clock;
    probe::connect::PowerCycleHook* power_cycle = nullptr;
    // What the bench file says about this board: NRST wiring (unknown = try under reset) and
    // the chip it carries (empty = the suite's target).
    std::optional<bool> nrst_wired;
    std::string declared_target;
    // What the set_pin / uart_send / set_analog steps act through (board_stimulus.hpp); nullptr:
    // this board takes none.
    BoardStimulus* stimulus = nullptr;
    // The board's logic analyser for expect_blink (pin_observer.hpp); nullptr: none.
    const PinObserver* pins = nullptr;
    // Output channels besides semihosting (output_source.hpp): the simulated board's USARTs, a
    // bench's serial ports. They outlive the run.
    std::vector<OutputSource*> outputs;
};

struct SessionOptions {
    std::string filter = "*";  // glob on test names
    unsigned repeat = 1;       // run the selected tests this many times
    unsigned shard_index = 0;  // with shard_count > 1: run only this share of the tests (0-based)
    unsigned shard_count = 1;  // see shard_plan.hpp: by name, dependency chains kept together
    uint64_t retry_seed = 0;   // the run's seed: jitter of the connection backoff, expect_blink's sampling instants
    const std::atomic<bool>* interrupted = nullptr;  // set by SIGINT/SIGTERM
    std::function<void(const reports::TestResult&)> test_finished;
    std::function<void(const probe::flash::FlashProgress&)> flash_progress;
    std::function<void(const std::string&)> note;  // one-line notes for the console (build, connect)
    // Every byte of every output channel as it arrives (--verbose shows them live).
    OutputReceiver output;
};

// The firmware is built (if the suite says how) and loaded first; a failure there, or a symbol
// the firmware does not have, throws hiltest::Error (SuiteInvalid / ImageFormat: exit code 2).
// Infrastructure failures (probe not found, cannot connect) end the run: they are recorded in
// SuiteResult::error and every test not run is marked as an error; the caller maps that to exit
// code 3. Suite mistakes found while preparing (bad firmware, unknown symbol) throw.
reports::SuiteResult run_suite(const suite::Suite& suite, ProbeLink link, const SessionOptions& options);

// The same with firmware the caller prepared (prepare_firmware + check_symbols): several boards
// running one suite build it once.
reports::SuiteResult run_suite(const suite::Suite& suite, const std::optional<Firmware>& firmware, ProbeLink link,
                               const SessionOptions& options);

// The result of a run whose probe could not even be opened (not found, no permission): every
// test is an error that says why.
reports::SuiteResult unreachable_probe_result(const suite::Suite& suite, const Error& error);

}  // namespace hiltest::session
