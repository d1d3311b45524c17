#include "arch/armv7m/fault_status.hpp"

#include <array>

namespace hiltest::armv7m {
namespace {

constexpr FaultRegister C = FaultRegister::Cfsr;
constexpr FaultRegister H = FaultRegister::Hfsr;

constexpr std::array kFaultBits{
    FaultBit{C, cfsr::kIaccviol, "IACCVIOL", "instruction fetch from a no-execute region"},
    FaultBit{C, cfsr::kDaccviol, "DACCVIOL", "data access violation"},
    FaultBit{C, cfsr::kMunstkerr, "MUNSTKERR", "MPU fault on exception return unstacking"},
    FaultBit{C, cfsr::kMstkerr, "MSTKERR", "MPU fault on exception entry stacking"},
    FaultBit{C, cfsr::kMlsperr, "MLSPERR", "MPU fault during lazy FP state preservation", FaultBitKind::FpExtensionCause},
    FaultBit{C, cfsr::kMmarvalid, "MMARVALID", "MMFAR holds the faulting address", FaultBitKind::AddressValid},
    FaultBit{C, cfsr::kIbuserr, "IBUSERR", "bus error on instruction fetch"},
    FaultBit{C, cfsr::kPreciserr, "PRECISERR", "precise data bus error"},
    FaultBit{C, cfsr::kImpreciserr, "IMPRECISERR", "imprecise data bus error (buffered write)"},
    FaultBit{C, cfsr::kUnstkerr, "UNSTKERR", "bus error on exception return unstacking"},
    FaultBit{C, cfsr::kStkerr, "STKERR", "bus error on exception entry stacking (stack overflow?)"},
    FaultBit{C, cfsr::kLsperr, "LSPERR", "bus error during lazy FP state preservation", FaultBitKind::FpExtensionCause},
    FaultBit{C, cfsr::kBfarvalid, "BFARVALID", "BFAR holds the faulting address", FaultBitKind::AddressValid},
    FaultBit{C, cfsr::kUndefinstr, "UNDEFINSTR", "undefined instruction"},
    FaultBit{C, cfsr::kInvstate, "INVSTATE", "invalid state (Thumb bit clear: call through an even address?)"},
    FaultBit{C, cfsr::kInvpc, "INVPC", "invalid EXC_RETURN on exception return"},
    FaultBit{C, cfsr::kNocp, "NOCP", "coprocessor instruction on a core without one"},
    FaultBit{C, cfsr::kUnaligned, "UNALIGNED", "unaligned access with UNALIGN_TRP set"},
    FaultBit{C, cfsr::kDivbyzero, "DIVBYZERO", "division by zero with DIV_0_TRP set"},
    FaultBit{H, hfsr::kVecttbl, "VECTTBL", "bus fault reading the vector table"},
    FaultBit{H, hfsr::kForced, "FORCED", "a configurable fault escalated to HardFault"},
    FaultBit{H, hfsr::kDebugevt, "DEBUGEVT", "debug event with halting debug disabled"},
};

}  // namespace

std::span<const FaultBit> fault_bits()
{
    return kFaultBits;
}

std::vector<std::string_view> set_bit_names(FaultRegister reg, uint32_t value)
{
    std::vector<std::string_view> names;
    for (const FaultBit& bit : kFaultBits) {
        if (bit.reg == reg && (value & bit.mask) != 0) names.push_back(bit.name);
    }
    return names;
}

std::vector<std::string_view> cortex_m3_fault_causes()
{
    std::vector<std::string_view> names;
    for (const FaultBit& bit : kFaultBits) {
        if (bit.kind == FaultBitKind::Cause) names.push_back(bit.name);
    }
    return names;
}

const FaultBit* find_fault_bit(std::string_view name)
{
    for (const FaultBit& bit : kFaultBits) {
        if (bit.name == name) return &bit;
    }
    return nullptr;
}

std::optional<std::string_view> exception_name(uint32_t number)
{
    switch (number) {
    case 1: return "Reset";
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    case 11: return "SVCall";
    case 12: return "DebugMonitor";
    case 14: return "PendSV";
    case 15: return "SysTick";
    default: return std::nullopt;
    }
}

}  // namespace hiltest::armv7m
