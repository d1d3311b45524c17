#pragma once
// Where an image may go on the detected chip: main flash (size from the flash-size register)
// in erase pages, plus the option-byte block. Checked before anything is erased.
#include <cstdint>
#include <vector>

#include "probe/flash/image.hpp"

namespace hiltest::probe::flash {

struct FlashGeometry {
    uint32_t base = 0x08000000;
    uint32_t size = 64 * 1024;
    uint32_t page_size = 1024;
    uint32_t option_base = 0x1FFFF800;
    uint32_t option_size = 16;
    uint32_t sram_size = 20 * 1024;  // decides whether the RAM loader fits

    uint64_t end() const { return uint64_t{base} + size; }
    uint32_t page_count() const { return page_size ? size / page_size : 0; }
    uint32_t page_address(uint32_t page) const { return base + page * page_size; }
    bool in_main(uint64_t address) const { return address >= base && address < end(); }
    bool in_options(uint64_t address) const { return address >= option_base && address < uint64_t{option_base} + option_size; }
};

// STM32F1 geometry for a detected flash size (KB), page size and SRAM size (KB).
FlashGeometry stm32f1_geometry(uint32_t flash_kb, uint32_t page_bytes, uint32_t sram_kb = 20);

// Throws hiltest::Error(ImageFormat) when any byte of `image` lies outside main flash and the
// option bytes, naming the first such address and the flash range. Empty images are refused.
void check_image_fits(const Image& image, const FlashGeometry& geometry);

// Indexes of the main-flash pages the image writes at least one byte of, ascending.
std::vector<uint32_t> touched_pages(const Image& image, const FlashGeometry& geometry);

// Whether the image writes any option byte.
bool touches_option_bytes(const Image& image, const FlashGeometry& geometry);

}  // namespace hiltest::probe::flash
