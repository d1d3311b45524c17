#include "probe/target/chip_table.hpp"

#include <array>

namespace hiltest::probe::target {
namespace {

constexpr std::array kChips{
    ChipInfo{0x412, "STM32F103 low density", Family::STM32F1, "101 102 103", 32, 10, 1024, 32},
    ChipInfo{0x410, "STM32F103 medium density", Family::STM32F1, "101 102 103", 64, 20, 1024, 128},
    ChipInfo{0x414, "STM32F103 high density", Family::STM32F1, "101 103", 512, 64, 2048, 512},
    ChipInfo{0x430, "STM32F103 XL density", Family::STM32F1, "101 103", 1024, 96, 2048, 1024},
    ChipInfo{0x418, "STM32F105/F107 connectivity line", Family::STM32F1, "105 107", 256, 64, 2048, 256},
    ChipInfo{0x420, "STM32F100 value line", Family::STM32F1, "100", 128, 8, 1024, 128},
    ChipInfo{0x428, "STM32F100 value line high density", Family::STM32F1, "100", 512, 32, 2048, 512},
    ChipInfo{0x444, "STM32F03x", Family::STM32F0, "030 031", 32, 4, 1024, 32},
    ChipInfo{0x445, "STM32F04x", Family::STM32F0, "042 048", 32, 6, 1024, 32},
    ChipInfo{0x440, "STM32F05x", Family::STM32F0, "030 051 058", 64, 8, 1024, 64},
    ChipInfo{0x448, "STM32F07x", Family::STM32F0, "070 071 072 078", 128, 16, 2048, 128},
    ChipInfo{0x442, "STM32F09x", Family::STM32F0, "091 098", 256, 32, 2048, 256},
    ChipInfo{0x422, "STM32F302xB/C / F303xB/C", Family::STM32F3, "302 303 358", 256, 40, 2048, 256},
    ChipInfo{0x432, "STM32F37x", Family::STM32F3, "373 378", 256, 32, 2048, 256},
    ChipInfo{0x438, "STM32F303x6/8 / F334", Family::STM32F3, "303 328 334", 64, 12, 2048, 64},
    ChipInfo{0x439, "STM32F301 / F302x6/8", Family::STM32F3, "301 302 318", 64, 16, 2048, 64},
    ChipInfo{0x446, "STM32F302xD/E / F303xD/E", Family::STM32F3, "302 303 398", 512, 64, 2048, 512},
    ChipInfo{0x413, "STM32F405/F407/F415/F417", Family::STM32F4, "405 407 415 417", 1024, 192, 16384, 1024},
    ChipInfo{0x419, "STM32F42x/F43x", Family::STM32F4, "427 429 437 439", 2048, 256, 16384, 2048},
    ChipInfo{0x423, "STM32F401xB/C", Family::STM32F4, "401", 256, 64, 16384, 256},
    ChipInfo{0x433, "STM32F401xD/E", Family::STM32F4, "401", 512, 96, 16384, 512},
    ChipInfo{0x431, "STM32F411", Family::STM32F4, "411", 512, 128, 16384, 512},
    ChipInfo{0x421, "STM32F446", Family::STM32F4, "446", 512, 128, 16384, 512},
};

}  // namespace

std::span<const ChipInfo> chip_table() { return kChips; }

const ChipInfo* find_chip(uint16_t dev_id)
{
    for (const auto& chip : kChips) {
        if (chip.dev_id == dev_id) return &chip;
    }
    return nullptr;
}

std::string_view to_string(Family family)
{
    switch (family) {
    case Family::STM32F0: return "STM32F0";
    case Family::STM32F1: return "STM32F1";
    case Family::STM32F3: return "STM32F3";
    case Family::STM32F4: return "STM32F4";
    }
    return "unknown";
}

std::string_view core_name(uint32_t cpuid)
{
    if ((cpuid >> 24) != 0x41) return "unknown core";
    switch ((cpuid >> 4) & 0xFFF) {
    case 0xC20: return "Cortex-M0";
    case 0xC60: return "Cortex-M0+";
    case 0xC23: return "Cortex-M3";
    case 0xC24: return "Cortex-M4";
    case 0xC27: return "Cortex-M7";
    default: return "unknown Cortex core";
    }
}

}  // namespace hiltest::probe::target
