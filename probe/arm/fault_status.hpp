#pragma once
// Why the core faulted, in words: CFSR/HFSR bits by name, fault addresses when valid, and
// the faulting PC from the stacked exception frame.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "probe/arm/target_access.hpp"

namespace hiltest::probe::arm {

struct FaultReport {
    uint32_t cfsr = 0;
    uint32_t hfsr = 0;
    std::optional<uint32_t> mmfar;
    std::optional<uint32_t> bfar;
    std::optional<uint32_t> faulting_pc;  // from the stacked frame, when in a handler
    std::optional<uint32_t> exception;    // IPSR, when in a handler
    bool any() const { return cfsr != 0 || hfsr != 0; }
};

// Names of the set CFSR and HFSR bits, e.g. {"PRECISERR", "BFARVALID", "FORCED"}.
std::vector<std::string> fault_bit_names(uint32_t cfsr, uint32_t hfsr);

// Human text: "HardFault (FORCED) escalated from BusFault: PRECISERR precise data bus error
// at 0x... ; faulting PC 0x...". "no fault recorded" when nothing is set.
std::string describe(const FaultReport& report);

// Reads the fault registers; with the core halted also IPSR, LR and the stacked frame.
FaultReport read_fault_report(TargetAccess& target, bool core_halted);

}  // namespace hiltest::probe::arm
