#include "probe/arm/fault_status.hpp"

#include <array>
#include <cstdio>

#include "probe/arm/cortex_m_registers.hpp"

namespace hiltest::probe::arm {
namespace {

struct BitName {
    uint32_t mask;
    const char* name;
    const char* meaning;
};

constexpr std::array kCfsrBits{
    BitName{1u << 0, "IACCVIOL", "instruction fetch from a no-execute region"},
    BitName{1u << 1, "DACCVIOL", "data access violation"},
    BitName{1u << 3, "MUNSTKERR", "MPU fault on exception return unstacking"},
    BitName{1u << 4, "MSTKERR", "MPU fault on exception entry stacking"},
    BitName{1u << 5, "MLSPERR", "MPU fault during lazy FP state preservation"},
    BitName{1u << 7, "MMARVALID", "MMFAR holds the faulting address"},
    BitName{1u << 8, "IBUSERR", "bus error on instruction fetch"},
    BitName{1u << 9, "PRECISERR", "precise data bus error"},
    BitName{1u << 10, "IMPRECISERR", "imprecise data bus error (buffered write)"},
    BitName{1u << 11, "UNSTKERR", "bus error on exception return unstacking"},
    BitName{1u << 12, "STKERR", "bus error on exception entry stacking (stack overflow?)"},
    BitName{1u << 13, "LSPERR", "bus error during lazy FP state preservation"},
    BitName{1u << 15, "BFARVALID", "BFAR holds the faulting address"},
    BitName{1u << 16, "UNDEFINSTR", "undefined instruction"},
    BitName{1u << 17, "INVSTATE", "invalid state (Thumb bit clear: call through an even address?)"},
    BitName{1u << 18, "INVPC", "invalid EXC_RETURN on exception return"},
    BitName{1u << 19, "NOCP", "coprocessor instruction on a core without one"},
    BitName{1u << 24, "UNALIGNED", "unaligned access with UNALIGN_TRP set"},
    BitName{1u << 25, "DIVBYZERO", "division by zero with DIV_0_TRP set"},
};

constexpr std::array kHfsrBits{
    BitName{1u << 1, "VECTTBL", "bus fault reading the vector table"},
    BitName{1u << 30, "FORCED", "a configurable fault escalated to HardFault"},
    BitName{1u << 31, "DEBUGEVT", "debug event with halting debug disabled"},
};

std::string hex32(uint32_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", value);
    return text;
}

const char* exception_name(uint32_t ipsr)
{
    switch (ipsr) {
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    case 11: return "SVCall";
    case 14: return "PendSV";
    case 15: return "SysTick";
    default: return ipsr >= 16 ? "IRQ" : "exception";
    }
}

}  // namespace

std::vector<std::string> fault_bit_names(uint32_t cfsr, uint32_t hfsr)
{
    std::vector<std::string> out;
    for (const auto& bit : kCfsrBits) {
        if (cfsr & bit.mask) out.emplace_back(bit.name);
    }
    for (const auto& bit : kHfsrBits) {
        if (hfsr & bit.mask) out.emplace_back(bit.name);
    }
    return out;
}

std::string describe(const FaultReport& report)
{
    if (!report.any()) return "no fault recorded (CFSR and HFSR are 0)";
    std::string text;
    if (report.exception) {
        text += std::string("in ") + exception_name(*report.exception) + " (exception " +
                std::to_string(*report.exception) + "): ";
    }
    bool first = true;
    auto add = [&](const BitName& bit) {
        if (!first) text += "; ";
        first = false;
        text += std::string(bit.name) + " " + bit.meaning;
    };
    for (const auto& bit : kHfsrBits) {
        if (report.hfsr & bit.mask) add(bit);
    }
    for (const auto& bit : kCfsrBits) {
        if ((report.cfsr & bit.mask) && bit.mask != (1u << 7) && bit.mask != (1u << 15)) add(bit);
    }
    if (report.mmfar) text += "; faulting data address " + hex32(*report.mmfar) + " (MMFAR)";
    if (report.bfar) text += "; faulting data address " + hex32(*report.bfar) + " (BFAR)";
    if (report.faulting_pc) text += "; faulting PC " + hex32(*report.faulting_pc);
    text += " [CFSR " + hex32(report.cfsr) + ", HFSR " + hex32(report.hfsr) + "]";
    return text;
}

FaultReport read_fault_report(TargetAccess& target, bool core_halted)
{
    FaultReport report;
    report.cfsr = target.read_word(addr::kCfsr);
    report.hfsr = target.read_word(addr::kHfsr);
    if (report.cfsr & (1u << 7)) report.mmfar = target.read_word(addr::kMmfar);
    if (report.cfsr & (1u << 15)) report.bfar = target.read_word(addr::kBfar);
    if (!core_halted) return report;
    const uint32_t ipsr = target.read_core_register(static_cast<unsigned>(CoreRegister::XPSR)) & 0x1FF;
    if (ipsr == 0) return report;
    report.exception = ipsr;
    const uint32_t lr = target.read_core_register(static_cast<unsigned>(CoreRegister::LR));
    if ((lr & 0xFFFFFFF0u) != 0xFFFFFFF0u) return report;  // not at handler entry state
    // EXC_RETURN bit 2 says which stack holds the frame: r0 r1 r2 r3 r12 lr pc xpsr.
    const auto sp_reg = (lr & 0x4) ? CoreRegister::PSP : CoreRegister::MSP;
    const uint32_t sp = target.read_core_register(static_cast<unsigned>(sp_reg));
    report.faulting_pc = target.read_word(sp + 24);
    return report;
}

}  // namespace hiltest::probe::arm
