#include "probe/arm/fault_status.hpp"

#include "arch/armv7m/fault_status.hpp"
#include "probe/arm/cortex_m_registers.hpp"
#include "probe/base/hex.hpp"

namespace hiltest::probe::arm {
namespace {

using armv7m::FaultBit;
using armv7m::FaultBitKind;
using armv7m::FaultRegister;

std::string exception_name(uint32_t ipsr)
{
    if (const auto name = armv7m::exception_name(ipsr)) return std::string(*name);
    return ipsr >= 16 ? "IRQ" : "exception";
}

}  // namespace

std::vector<std::string> fault_bit_names(uint32_t cfsr, uint32_t hfsr)
{
    std::vector<std::string> out;
    for (std::string_view name : armv7m::set_bit_names(FaultRegister::Cfsr, cfsr)) out.emplace_back(name);
    for (std::string_view name : armv7m::set_bit_names(FaultRegister::Hfsr, hfsr)) out.emplace_back(name);
    return out;
}

std::string describe(const FaultReport& report)
{
    if (!report.any()) return "no fault recorded (CFSR and HFSR are 0)";
    std::string text;
    if (report.exception) {
        text += "in " + exception_name(*report.exception) + " (exception " + std::to_string(*report.exception) + "): ";
    }
    bool first = true;
    // HardFault's own bits first: FORCED says the CFSR bits after it are the escalated cause.
    for (const FaultRegister reg : {FaultRegister::Hfsr, FaultRegister::Cfsr}) {
        const uint32_t value = reg == FaultRegister::Hfsr ? report.hfsr : report.cfsr;
        for (const FaultBit& bit : armv7m::fault_bits()) {
            if (bit.reg != reg || (value & bit.mask) == 0 || bit.kind == FaultBitKind::AddressValid) continue;
            if (!first) text += "; ";
            first = false;
            text += std::string(bit.name) + " " + std::string(bit.meaning);
        }
    }
    if (report.mmfar) text += "; faulting data address " + hex(*report.mmfar) + " (MMFAR)";
    if (report.bfar) text += "; faulting data address " + hex(*report.bfar) + " (BFAR)";
    if (report.faulting_pc) text += "; faulting PC " + hex(*report.faulting_pc);
    text += " [CFSR " + hex(report.cfsr) + ", HFSR " + hex(report.hfsr) + "]";
    return text;
}

FaultReport read_fault_report(TargetAccess& target, bool core_halted)
{
    FaultReport report;
    report.cfsr = target.read_word(armv7m::kCfsrAddress);
    report.hfsr = target.read_word(armv7m::kHfsrAddress);
    if (report.cfsr & armv7m::cfsr::kMmarvalid) report.mmfar = target.read_word(armv7m::kMmfarAddress);
    if (report.cfsr & armv7m::cfsr::kBfarvalid) report.bfar = target.read_word(armv7m::kBfarAddress);
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
