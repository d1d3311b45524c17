#pragma once
// Differences between the two machines that are understood and written down (README.md):
//  - oracle errata: Unicorn 2.0.1 disagrees with the Armv7-M architecture; the core is right.
//  - known core bugs: the core disagrees with the architecture and Unicorn; open, to be fixed.
// (The architecture manual is named in docs/chip-facts.md, "Thumb-2 encodings".)
// When a step mismatches and one of its instructions matches an entry, the runner counts it
// under the entry's name, copies the right machine's state into the wrong one and carries on.
#include <string_view>
#include <vector>

#include "tests/differential/machine_state.hpp"
#include "tests/differential/thumb_stream.hpp"

namespace hiltest::testing::differential {

struct KnownDifference {
    std::string_view name;
    std::string_view rule;  // what the architecture says, and what the wrong side does instead
    bool (*matches)(const GeneratedInstruction& instruction);
    // Optional further condition on the state before the step (nullptr: always).
    bool (*applies)(const MachineState& before) = nullptr;
};

const std::vector<KnownDifference>& oracle_errata();
const std::vector<KnownDifference>& known_core_bugs();

// The first entry of `list` matching `instruction` (and `before`, when given), or nullptr.
const KnownDifference* find_known(const std::vector<KnownDifference>& list, const GeneratedInstruction& instruction,
                                  const MachineState* before = nullptr);

}  // namespace hiltest::testing::differential
