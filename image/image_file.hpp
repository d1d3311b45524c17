#pragma once
// Loading a firmware image from a file: the format comes from the extension (.elf/.axf/.out,
// .hex/.ihex/.ihx, .bin) or, for anything else, from the content (ELF magic, ':' records,
// otherwise raw binary). Raw binaries load at `binary_base` (default: start of STM32 flash).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "image/image.hpp"

namespace hiltest::image {

inline constexpr uint32_t kDefaultBinaryBase = 0x08000000;

struct ImageLoadOptions {
    std::optional<ImageFormat> format;  // overrides extension and sniffing
    uint32_t binary_base = kDefaultBinaryBase;
};

// Throws hiltest::Error(ImageFormat) naming the file and what is wrong.
Image load_image(const std::filesystem::path& path, const ImageLoadOptions& options = {});

// The same from bytes already in memory; `name` is used for the extension and in errors.
Image parse_image(std::span<const uint8_t> bytes, const std::string& name, const ImageLoadOptions& options = {});

Image make_binary_image(std::span<const uint8_t> bytes, uint32_t base, const std::string& source);

// What the extension says, if it says anything.
std::optional<ImageFormat> format_from_extension(const std::string& name);
// What the content looks like.
ImageFormat sniff_format(std::span<const uint8_t> bytes);

}  // namespace hiltest::image
