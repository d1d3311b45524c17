#pragma once
// Runs generated streams on the simulated core and on Unicorn in lock step and compares
// registers, xPSR and the data window after every step.
#include <array>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "tests/differential/encoding_class.hpp"
#include "tests/differential/thumb_stream.hpp"

namespace hiltest::testing::differential {

struct RunOptions {
    uint64_t seed = 1;
    uint64_t min_instructions = 1'000'000;   // stop after the stream that reaches this many
    unsigned instructions_per_stream = 250;  // generated (executed counts differ: skipped code, IT)
    unsigned max_reports = 5;                // detailed mismatch reports kept
    std::ostream* progress = nullptr;        // optional: one line per 100k instructions
    // true: known core bugs are replaced by NOPs so the rest is compared; false: they are
    // generated, and a stream that mismatches on one counts under core_bug_hits.
    bool avoid_known_core_bugs = true;
};

struct RunResult {
    uint64_t streams = 0;
    uint64_t instructions = 0;  // executed on the core
    uint64_t steps = 0;         // compared sync points
    uint64_t mismatches = 0;    // streams abandoned on a mismatch that no known difference explains
    std::array<uint64_t, encoding_class_count> coverage{};  // executed instructions per class
    std::array<uint64_t, encoding_class_count> mismatch_classes{};  // class of the last instruction of mismatching steps
    std::map<std::string, uint64_t> oracle_skips;           // oracle erratum name -> steps skipped
    std::map<std::string, uint64_t> core_bug_hits;          // known core bug name -> streams it stopped
    std::vector<std::string> reports;                       // first max_reports mismatches
};

// Seed of stream `index` of a run with `seed` (what a report prints to reproduce one stream).
uint64_t stream_seed(uint64_t seed, uint64_t index);

RunResult run_differential(const RunOptions& options);
// Runs exactly one stream (e.g. the one a report named); result as above.
RunResult run_single_stream(uint64_t stream_seed, unsigned instructions_per_stream, bool avoid_known_core_bugs = false);

// Runs a stream built by hand (regression cases); result as above.
RunResult run_stream(const Stream& stream);

std::string coverage_table(const RunResult& result);

}  // namespace hiltest::testing::differential
