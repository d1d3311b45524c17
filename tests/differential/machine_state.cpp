#include "tests/differential/machine_state.hpp"

#include <cstdio>

namespace hiltest::testing::differential {

std::string describe_xpsr(uint32_t xpsr)
{
    char text[64];
    const uint32_t it = ((xpsr >> 8) & 0xFC) | ((xpsr >> 25) & 3);
    std::snprintf(text, sizeof text, "%c%c%c%c%c %s IT=%02x IPSR=%u", (xpsr >> 31) & 1 ? 'N' : 'n',
                  (xpsr >> 30) & 1 ? 'Z' : 'z', (xpsr >> 29) & 1 ? 'C' : 'c', (xpsr >> 28) & 1 ? 'V' : 'v',
                  (xpsr >> 27) & 1 ? 'Q' : 'q', (xpsr >> 24) & 1 ? "T" : "t(!)", it, xpsr & 0x1FF);
    return text;
}

std::string describe_state(const char* label, const MachineState& state, const MachineState& other)
{
    static constexpr const char* names[16] = {"r0", "r1", "r2",  "r3",  "r4",  "r5", "r6", "r7",
                                              "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"};
    std::string text = std::string("  ") + label + ":";
    char item[48];
    for (unsigned r = 0; r < 16; ++r) {
        std::snprintf(item, sizeof item, "%s %s=%08x", r == 8 ? "\n           " : "", names[r], state.registers[r]);
        text += item;
        if (state.registers[r] != other.registers[r]) text += "*";
    }
    std::snprintf(item, sizeof item, "\n           xpsr=%08x%s ", state.xpsr, state.xpsr != other.xpsr ? "*" : "");
    text += item + describe_xpsr(state.xpsr);
    std::snprintf(item, sizeof item, "  control/faultmask/basepri/primask=%08x%s\n", state.masks,
                  state.masks != other.masks ? "*" : "");
    text += item;
    return text;
}

}  // namespace hiltest::testing::differential
