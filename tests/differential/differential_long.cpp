// Long differential run (not in CTest):
//   cortex_m3_differential_long [--seed N] [--instructions N] [--stream-seed S] [--reports N]
// --stream-seed reruns the single stream a mismatch report named.
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "tests/differential/differential_runner.hpp"

using namespace hiltest::testing::differential;

int main(int argc, char** argv)
{
    RunOptions options;
    options.seed = 1;
    options.min_instructions = 50'000'000;
    options.max_reports = 20;
    options.progress = &std::cerr;
    bool single = false;
    uint64_t single_seed = 0;
    for (int i = 1; i < argc; ++i) {
        const bool has_value = i + 1 < argc;
        if (!std::strcmp(argv[i], "--seed") && has_value) options.seed = std::strtoull(argv[++i], nullptr, 0);
        else if (!std::strcmp(argv[i], "--instructions") && has_value) options.min_instructions = std::strtoull(argv[++i], nullptr, 0);
        else if (!std::strcmp(argv[i], "--reports") && has_value) options.max_reports = unsigned(std::strtoul(argv[++i], nullptr, 0));
        else if (!std::strcmp(argv[i], "--stream-seed") && has_value) {
            single = true;
            single_seed = std::strtoull(argv[++i], nullptr, 0);
        } else {
            std::cerr << "usage: " << argv[0] << " [--seed N] [--instructions N] [--reports N] [--stream-seed S]\n";
            return 2;
        }
    }
    const RunResult result = single ? run_single_stream(single_seed, options.instructions_per_stream) : run_differential(options);
    for (const auto& report : result.reports) std::cout << report << "\n";
    std::cout << "seed " << options.seed << "\n" << coverage_table(result);
    return result.mismatches == 0 ? 0 : 1;
}
