#pragma once
// What chip is on the other end, detected and never assumed: DPIDR, CPUID, DBGMCU_IDCODE and
// the flash-size register become a description, with a warning for known clones and an
// error naming both chips when a suite or flag declared something else.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "probe/arm/target_access.hpp"
#include "probe/target/chip_table.hpp"

namespace hiltest::probe::target {

struct TargetIds {
    uint32_t dpidr = 0;
    uint32_t cpuid = 0;
    uint32_t dbgmcu_idcode = 0;
    std::optional<uint32_t> flash_size_word;  // the 32-bit word at 0x1FFFF7E0 (F1), if readable
};

struct DetectedTarget {
    TargetIds ids;
    uint16_t dev_id = 0;
    uint16_t rev_id = 0;
    std::string revision;        // "Y (0x2003)" or "0x1234"
    const ChipInfo* chip = nullptr;
    uint32_t flash_kb = 0;
    bool flash_size_from_register = false;
    std::optional<std::string> clone_warning;

    // "STM32F103 medium density, rev Y (0x2003), 64 KB flash, Cortex-M3 r1p1"
    std::string description() const;
    // The name the user would type: "STM32F103" style where known.
    std::string chip_name() const;
    bool is_cortex_m3_or_m4() const;
};

inline constexpr uint32_t kFlashSizeRegisterF1 = 0x1FFFF7E0;
inline constexpr uint32_t kGenuineF103Dpidr = 0x1BA01477;

// Pure: from the raw IDs to a description (unit-testable without a target).
DetectedTarget identify(const TargetIds& ids);

// Reads CPUID, DBGMCU_IDCODE and the flash-size register through `target`.
DetectedTarget detect(arm::TargetAccess& target, uint32_t dpidr);

// `declared` as a suite or flag names it: "stm32f103c8", "stm32f1x", "STM32F303", …
// Throws WrongTarget naming both when the connected chip is not that. Empty = no check.
void check_declared_target(const DetectedTarget& detected, std::string_view declared);

}  // namespace hiltest::probe::target
