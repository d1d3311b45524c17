#include "probe/flash/flash_geometry.hpp"

#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"

namespace hiltest::probe::flash {

FlashGeometry stm32f1_geometry(uint32_t flash_kb, uint32_t page_bytes, uint32_t sram_kb)
{
    FlashGeometry geometry;
    geometry.sram_size = sram_kb * 1024;
    geometry.size = flash_kb * 1024;
    geometry.page_size = page_bytes;
    return geometry;
}

void check_image_fits(const Image& image, const FlashGeometry& geometry)
{
    if (image.empty()) {
        throw Error(ErrorKind::ImageFormat, "the firmware image '" + image.source + "' holds no bytes to flash",
                    "check that the build produced code (an ELF needs PT_LOAD segments with contents)");
    }
    const std::string flash_range = hex(geometry.base) + "-" + hex(geometry.end() - 1) + " (" +
                                    std::to_string(geometry.size / 1024) + " KB)";
    for (const Segment& segment : image.segments) {
        const uint64_t begin = segment.address;
        const uint64_t end = segment.end();
        const bool main_ok = begin >= geometry.base && end <= geometry.end();
        const bool options_ok = begin >= geometry.option_base && end <= uint64_t{geometry.option_base} + geometry.option_size;
        if (main_ok || options_ok) continue;
        // The first byte outside both regions, for the message.
        uint64_t outside = begin;
        if (geometry.in_main(begin)) outside = geometry.end();
        else if (geometry.in_options(begin)) outside = uint64_t{geometry.option_base} + geometry.option_size;
        std::string what = "the image '" + image.source + "' writes address " + hex(outside) +
                           " (segment " + hex(begin) + "-" + hex(end - 1) + "), outside the target's flash " +
                           flash_range + " and option bytes";
        std::string remedy;
        if (begin >= geometry.base && begin < geometry.base + 0x01000000u && end > geometry.end()) {
            remedy = "the image is " + std::to_string((image.highest_end() - geometry.base + 1023) / 1024) +
                     " KB past the flash start but the chip reports " + std::to_string(geometry.size / 1024) +
                     " KB: build for this chip or make the firmware smaller";
        } else if (begin < 0x00100000) {
            remedy = "the image is linked for the boot alias at 0x00000000; link it at 0x08000000, or load the raw "
                     "binary with a base address";
        } else if (begin >= 0x20000000 && begin < 0x40000000) {
            remedy = "the image places contents in RAM; programming writes only flash (check the linker script's "
                     "load addresses, AT> FLASH)";
        } else {
            remedy = "check the linker script (or the base address given for a raw binary)";
        }
        throw Error(ErrorKind::ImageFormat, what, remedy);
    }
}

std::vector<uint32_t> touched_pages(const Image& image, const FlashGeometry& geometry)
{
    std::vector<uint32_t> pages;
    for (const Segment& segment : image.segments) {
        if (!geometry.in_main(segment.address)) continue;
        const uint64_t last = std::min<uint64_t>(segment.end(), geometry.end()) - 1;
        uint32_t first_page = (segment.address - geometry.base) / geometry.page_size;
        const auto last_page = static_cast<uint32_t>((last - geometry.base) / geometry.page_size);
        if (!pages.empty() && pages.back() >= first_page) first_page = pages.back() + 1;
        for (uint32_t page = first_page; page <= last_page; ++page) pages.push_back(page);
    }
    return pages;
}

bool touches_option_bytes(const Image& image, const FlashGeometry& geometry)
{
    for (const Segment& segment : image.segments) {
        if (geometry.in_options(segment.address)) return true;
    }
    return false;
}

}  // namespace hiltest::probe::flash
