#pragma once
// The chips hiltest can name, by DBGMCU_IDCODE DEV_ID. STM32F1 entries carry the geometry
// the flash programmer needs; F0/F3/F4 are here so a mismatch can be explained by name.
#include <cstdint>
#include <span>
#include <string_view>

namespace hiltest::probe::target {

enum class Family { STM32F0, STM32F1, STM32F3, STM32F4 };

struct ChipInfo {
    uint16_t dev_id;
    std::string_view name;     // "STM32F103 medium density" (F101/F102 share the DEV_ID)
    Family family;
    std::string_view lines;    // product lines sharing the DEV_ID, e.g. "101 102 103"
    uint32_t default_flash_kb; // when the flash-size register is unreadable
    uint32_t ram_kb;
    uint32_t page_bytes;       // flash erase page
    uint32_t max_flash_kb;
};

std::span<const ChipInfo> chip_table();
const ChipInfo* find_chip(uint16_t dev_id);
std::string_view to_string(Family family);

// Cortex-M name from CPUID ("Cortex-M3 r1p1"), "unknown core" otherwise.
std::string_view core_name(uint32_t cpuid);

}  // namespace hiltest::probe::target
