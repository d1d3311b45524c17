#include "tests/differential/encoding_class.hpp"

namespace hiltest::testing::differential {

std::string_view encoding_class_name(EncodingClass encoding_class)
{
    static constexpr std::array<std::string_view, encoding_class_count> names = {
        "T16 shift (immediate)",
        "T16 add/sub (register)",
        "T16 add/sub (3-bit immediate)",
        "T16 mov/cmp/add/sub (8-bit immediate)",
        "T16 data processing (register)",
        "T16 multiply",
        "T16 high-register add/cmp/mov",
        "T16 BX/BLX register",
        "T16 LDR literal",
        "T16 load/store (register offset)",
        "T16 load/store (immediate offset)",
        "T16 load/store SP-relative",
        "T16 ADR",
        "T16 ADD Rd, SP, #imm",
        "T16 ADD/SUB SP, #imm",
        "T16 sign/zero extend",
        "T16 byte reverse",
        "T16 PUSH/POP",
        "T16 LDM/STM",
        "T16 CBZ/CBNZ",
        "T16 B<cond>",
        "T16 B",
        "T16 IT",
        "T16 NOP",
        "T16 CPS",
        "T32 data processing (modified immediate)",
        "T32 data processing (plain immediate)",
        "T32 SSAT/USAT",
        "T32 bitfield",
        "T32 data processing (shifted register)",
        "T32 shift by register",
        "T32 sign/zero extend",
        "T32 REV/REV16/RBIT/REVSH/CLZ",
        "T32 MUL/MLA/MLS",
        "T32 long multiply",
        "T32 SDIV/UDIV",
        "T32 load/store (12-bit immediate)",
        "T32 load/store (8-bit immediate, index modes)",
        "T32 load/store unprivileged",
        "T32 load/store (register offset)",
        "T32 load literal",
        "T32 LDRD/STRD",
        "T32 LDM/STM",
        "T32 exclusive (LDREX/STREX/CLREX)",
        "T32 TBB/TBH",
        "T32 B<cond>.W",
        "T32 B.W",
        "T32 BL",
        "T32 MRS/MSR",
        "T32 hints and barriers",
    };
    const auto index = static_cast<std::size_t>(encoding_class);
    return index < names.size() ? names[index] : "?";
}

}  // namespace hiltest::testing::differential
