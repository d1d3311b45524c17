#pragma once
// The architectural state the differential test compares after every step.
#include <array>
#include <cstdint>
#include <string>

namespace hiltest::testing::differential {

struct MachineState {
    std::array<uint32_t, 16> registers{};  // r0-r12, SP, LR, PC
    uint32_t xpsr = 0;                     // N Z C V Q, IT/ICI, T, exception number
    uint32_t masks = 0;                    // CONTROL<<24 | FAULTMASK<<16 | BASEPRI<<8 | PRIMASK (DCRSR 20)

    bool operator==(const MachineState&) const = default;
};

// One line per machine, registers that differ from `other` marked with '*'.
std::string describe_state(const char* label, const MachineState& state, const MachineState& other);
// "NZcvq T IT=00 IPSR=0" style decoding of xPSR.
std::string describe_xpsr(uint32_t xpsr);

}  // namespace hiltest::testing::differential
