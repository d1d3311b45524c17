#pragma once
// The Thumb/Thumb-2 encoding classes the differential generator produces, one row each in the
// coverage table. Grouped as the architecture manual groups them (docs/chip-facts.md, "Thumb-2
// encodings", which names each group's section).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hiltest::testing::differential {

enum class EncodingClass : uint8_t {
    // 16-bit
    T16ShiftImmediate,      // LSLS/LSRS/ASRS Rd, Rm, #imm5
    T16AddSubRegister,      // ADDS/SUBS Rd, Rn, Rm
    T16AddSubImm3,          // ADDS/SUBS Rd, Rn, #imm3
    T16MovCmpAddSubImm8,    // MOVS/CMP/ADDS/SUBS Rdn, #imm8
    T16DataProcessing,      // AND..MVN Rdn, Rm
    T16Multiply,            // MULS Rdm, Rn, Rdm
    T16HighRegister,        // ADD/CMP/MOV with a high register
    T16BranchExchange,      // BX/BLX Rm
    T16LoadLiteral,         // LDR Rt, [PC, #imm8]
    T16LoadStoreRegister,   // STR/STRH/STRB/LDRSB/LDR/LDRH/LDRB/LDRSH [Rn, Rm]
    T16LoadStoreImmediate,  // STR/LDR/STRB/LDRB/STRH/LDRH [Rn, #imm5]
    T16LoadStoreSp,         // STR/LDR Rt, [SP, #imm8]
    T16Adr,                 // ADR Rd, label
    T16AddSpImmediate,      // ADD Rd, SP, #imm8
    T16AdjustSp,            // ADD/SUB SP, SP, #imm7
    T16Extend,              // SXTH/SXTB/UXTH/UXTB
    T16Reverse,             // REV/REV16/REVSH
    T16PushPop,             // PUSH/POP (POP including PC)
    T16LoadStoreMultiple,   // STMIA/LDMIA Rn!, {list}
    T16CompareBranchZero,   // CBZ/CBNZ
    T16ConditionalBranch,   // B<c> label
    T16Branch,              // B label (forward and backward)
    T16IfThen,              // IT{x{y{z}}} cond
    T16Hint,                // NOP
    T16ChangeProcessorState, // CPSIE/CPSID i/f
    // 32-bit data processing
    T32ModifiedImmediate,   // AND/BIC/ORR/ORN/EOR/ADD/ADC/SBC/SUB/RSB/MOV/MVN/TST/TEQ/CMP/CMN #const
    T32PlainImmediate,      // ADDW/SUBW/MOVW/MOVT/ADR.W
    T32Saturate,            // SSAT/USAT with shift
    T32Bitfield,            // SBFX/UBFX/BFI/BFC
    T32ShiftedRegister,     // AND..RSB Rd, Rn, Rm, shift #n (incl. MOV/LSL/LSR/ASR/ROR/RRX #n)
    T32RegisterShift,       // LSL/LSR/ASR/ROR{S}.W Rd, Rn, Rm
    T32Extend,              // SXTH/SXTB/UXTH/UXTB.W with rotation
    T32Miscellaneous,       // REV/REV16/RBIT/REVSH/CLZ
    T32Multiply,            // MUL/MLA/MLS
    T32MultiplyLong,        // SMULL/UMULL/SMLAL/UMLAL
    T32Divide,              // SDIV/UDIV (also by zero, CCR.DIV_0_TRP = 0)
    // 32-bit loads and stores
    T32LoadStoreImm12,      // LDR{B,H,SB,SH}/STR{B,H}.W [Rn, #imm12]
    T32LoadStoreImm8,       // ... [Rn, #-imm8] / [Rn, #+-imm8]! / [Rn], #+-imm8
    T32LoadStoreUnprivileged, // LDRT/STRT family
    T32LoadStoreRegister,   // ... [Rn, Rm, LSL #0-3]
    T32LoadLiteral,         // LDR{B,H,SB,SH}.W Rt, [PC, #+-imm12]
    T32LoadStoreDual,       // LDRD/STRD (offset, pre, post, literal)
    T32LoadStoreMultiple,   // LDMIA/LDMDB/STMIA/STMDB(.W), PUSH.W/POP.W
    T32Exclusive,           // LDREX{B,H}/STREX{B,H}/CLREX
    T32TableBranch,         // TBB/TBH [PC, Rm]
    // 32-bit branches and miscellaneous control
    T32ConditionalBranch,   // B<c>.W
    T32Branch,              // B.W
    T32BranchLink,          // BL
    T32SpecialRegister,     // MRS of PSRs, SP, masks, CONTROL; MSR APSR_nzcvq, PRIMASK, BASEPRI(_MAX), FAULTMASK
    T32HintBarrier,         // NOP.W, DMB, DSB, ISB
    Count
};

inline constexpr std::size_t encoding_class_count = static_cast<std::size_t>(EncodingClass::Count);

std::string_view encoding_class_name(EncodingClass encoding_class);

}  // namespace hiltest::testing::differential
