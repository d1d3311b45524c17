#pragma once
// The simulated rig behind `--probe sim` and behind the simulated boards of suites and bench
// files, as the rest of the command line sees it. With the simulator (HILTEST_WITH_SIMULATOR)
// runner/cli/sim/sim_backend.cpp and simulated_board.cpp implement it; without,
// runner/cli/without_sim/ does, and everything that would need a simulated board throws the
// Usage error of built_without_simulator (runner/cli/options/unavailable.hpp).
#include <cstdint>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "runner/bench/bench_model.hpp"
#include "runner/cli/backend/probe_backend.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::cli {

// The rig's typed configuration (fixtures/bluepill/rig/rig.hpp has every default), complete
// only where the simulator is built.
struct SimBackendOptions;

// --sim-firmware, --sim-dpidr, --sim-nrst-wired, --sim-reset-button-ms, --flash-state, --fault,
// --seed on a probe command, parsed into the returned options as the command line is read
// (errors are Usage or ImageFormat). Without the simulator the command gets none of them.
std::shared_ptr<SimBackendOptions> add_sim_backend_options(CLI::App& command);

// Before a suite runs on a simulated `board`: its --flash-state file (the bench's, else the
// run's) must be writable and, if it exists, a flash state file. Throws hiltest::Error (Usage;
// ImageFormat for a file that is not a flash state file). Does nothing for a real board.
void check_simulated_board(const bench::BoardSpec& board, const std::string& run_flash_state);

// The simulated board of a suite run on `board`: the suite's simulated_board setup, then what
// the bench says about it, then the run's seed and --flash-state; what none says is the rig's
// default. Throws hiltest::Error (Usage, ImageFormat) for a setup the rig cannot take.
std::shared_ptr<const SimBackendOptions> simulated_board_options(const suite::Suite& suite,
                                                                 const bench::BoardSpec& board, uint64_t run_seed,
                                                                 const std::string& run_flash_state);
uint64_t simulated_board_seed(const SimBackendOptions& options);  // printed in the reports

// Before a probe command's session: the --flash-state file must be writable and, if it exists,
// a flash state file. Throws hiltest::Error (Usage; ImageFormat for a file that is not one).
void check_sim_backend_outputs(const SimBackendOptions& options);

// With power_switch, a power cycle switches the simulated supply. Throws hiltest::Error
// (ImageFormat) for a firmware image or flash state file the simulated board cannot use.
std::unique_ptr<ProbeBackend> make_sim_backend(const SimBackendOptions& options, bool power_switch);

}  // namespace hiltest::cli
