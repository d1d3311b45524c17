#pragma once
// The ARMv7-M fault status registers (CFSR, HFSR, MMFAR, BFAR) and the exception numbers that
// name a handler, as docs/chip-facts.md ("Fault status") writes them up. One table for
// everything in hiltest that sets, names or accepts these bits: the simulated core raises them,
// the simulated board's reports and the probe's fault report name them, a suite's expect_fault
// accepts them as a cause.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace hiltest::armv7m {

// Where the registers are, in the System Control Block.
inline constexpr uint32_t kCfsrAddress = 0xE000ED28, kHfsrAddress = 0xE000ED2C, kMmfarAddress = 0xE000ED34,
                          kBfarAddress = 0xE000ED38;

// CFSR: MemManage (bits 0-7), BusFault (8-15) and UsageFault (16-31) status.
namespace cfsr {
inline constexpr uint32_t kIaccviol = 1u << 0, kDaccviol = 1u << 1, kMunstkerr = 1u << 3, kMstkerr = 1u << 4,
                          kMlsperr = 1u << 5, kMmarvalid = 1u << 7;
inline constexpr uint32_t kIbuserr = 1u << 8, kPreciserr = 1u << 9, kImpreciserr = 1u << 10, kUnstkerr = 1u << 11,
                          kStkerr = 1u << 12, kLsperr = 1u << 13, kBfarvalid = 1u << 15;
inline constexpr uint32_t kUndefinstr = 1u << 16, kInvstate = 1u << 17, kInvpc = 1u << 18, kNocp = 1u << 19,
                          kUnaligned = 1u << 24, kDivbyzero = 1u << 25;
}  // namespace cfsr

namespace hfsr {
inline constexpr uint32_t kVecttbl = 1u << 1, kForced = 1u << 30, kDebugevt = 1u << 31;
}  // namespace hfsr

enum class FaultRegister { Cfsr, Hfsr };

enum class FaultBitKind {
    Cause,             // why the core faulted
    AddressValid,      // MMARVALID, BFARVALID: MMFAR / BFAR holds the faulting address
    FpExtensionCause,  // MLSPERR, LSPERR: only a core with the FP extension sets them, never a Cortex-M3
};

struct FaultBit {
    FaultRegister reg;
    uint32_t mask;
    std::string_view name;     // the manual's name, e.g. "DIVBYZERO"
    std::string_view meaning;  // what it tells a firmware developer
    FaultBitKind kind = FaultBitKind::Cause;
};

// Every bit, CFSR from bit 0 up, then HFSR from bit 0 up.
std::span<const FaultBit> fault_bits();

// Names of the bits set in `value` of register `reg`, in table order.
std::vector<std::string_view> set_bit_names(FaultRegister reg, uint32_t value);

// The bits a Cortex-M3 can report as a fault's cause (no address-valid flags, no FP-extension
// bits), in table order: what a suite's expect_fault "cause" accepts.
std::vector<std::string_view> cortex_m3_fault_causes();

// The bit with this name (exact, upper case), or nullptr.
const FaultBit* find_fault_bit(std::string_view name);

// "NMI", "HardFault", …, "SysTick" for the architecture's exceptions 1-15; nullopt for a
// reserved number, 0 (no exception: Thread mode) and external interrupts (16 and up).
std::optional<std::string_view> exception_name(uint32_t number);

}  // namespace hiltest::armv7m
