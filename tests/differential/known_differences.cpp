#include "tests/differential/known_differences.hpp"

namespace hiltest::testing::differential {

const std::vector<KnownDifference>& oracle_errata()
{
    // The IT/ICI bits, which Unicorn does not expose inside hooks, are masked by the runner instead.
    static const std::vector<KnownDifference> errata = {
        {"unicorn-msr-faultmask-ignores-execution-priority",
         "MSR FAULTMASK, Rn (F38n 8813): ARMv7-M ARM B5.2.3 writes FAULTMASK<0> = R[n]<0> only if "
         "CurrentModeIsPrivileged() && ExecutionPriority() > -1, and ExecutionPriority() is -1 while FAULTMASK is 1 "
         "(B1.5.4), so the write is ignored then (also a write of 0). Unicorn (QEMU helper v7m_msr) writes it "
         "unconditionally.",
         [](const GeneratedInstruction& i) { return i.size == 4 && (i.first & 0xFFF0) == 0xF380 && (i.second & 0xFF) == 19; },
         [](const MachineState& before) { return ((before.masks >> 16) & 1) != 0; }},
    };
    return errata;
}

const std::vector<KnownDifference>& known_core_bugs()
{
    // Fixed so far (found by this test, see README.md): core-uxth-uxtb-t1-undefined.
    static const std::vector<KnownDifference> bugs = {};
    return bugs;
}

const KnownDifference* find_known(const std::vector<KnownDifference>& list, const GeneratedInstruction& instruction,
                                  const MachineState* before)
{
    for (const auto& entry : list)
        if (entry.matches(instruction) && (!entry.applies || !before || entry.applies(*before))) return &entry;
    return nullptr;
}

}  // namespace hiltest::testing::differential
