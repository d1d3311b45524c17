#include "image/image_file.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

#include "image/elf_image.hpp"
#include "image/intel_hex.hpp"
#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"

namespace hiltest::image {

namespace {

bool has_elf_magic(std::span<const uint8_t> bytes)
{
    return bytes.size() >= 4 && bytes[0] == 0x7F && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
}

}  // namespace

std::optional<ImageFormat> format_from_extension(const std::string& name)
{
    std::string ext = std::filesystem::path(name).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".elf" || ext == ".axf" || ext == ".out") return ImageFormat::Elf;
    if (ext == ".hex" || ext == ".ihex" || ext == ".ihx") return ImageFormat::IntelHex;
    if (ext == ".bin") return ImageFormat::Binary;
    return std::nullopt;
}

ImageFormat sniff_format(std::span<const uint8_t> bytes)
{
    if (has_elf_magic(bytes)) return ImageFormat::Elf;
    size_t i = 0;
    if (bytes.size() >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) i = 3;  // UTF-8 BOM
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) ++i;
    if (i < bytes.size() && bytes[i] == ':') {
        const bool text = std::all_of(bytes.begin() + static_cast<std::ptrdiff_t>(i), bytes.end(), [](uint8_t byte) {
            return byte == '\n' || byte == '\r' || byte == '\t' || (byte >= 0x20 && byte < 0x7F);
        });
        if (text) return ImageFormat::IntelHex;
    }
    return ImageFormat::Binary;
}

Image make_binary_image(std::span<const uint8_t> bytes, uint32_t base, const std::string& source)
{
    if (bytes.empty()) throw_image_error(source, "the file is empty");
    if (uint64_t{base} + bytes.size() > (uint64_t{1} << 32))
        throw_image_error(source, "at base " + hex(base) + " its " + std::to_string(bytes.size()) +
                                      " bytes run past the end of the 32-bit address space");
    Image image;
    image.source = source;
    image.format = ImageFormat::Binary;
    image.segments.push_back(Segment{base, std::vector<uint8_t>(bytes.begin(), bytes.end())});
    return image;
}

Image parse_image(std::span<const uint8_t> bytes, const std::string& name, const ImageLoadOptions& options)
{
    ImageFormat format = options.format.value_or(format_from_extension(name).value_or(sniff_format(bytes)));
    if (!options.format && format == ImageFormat::Binary && has_elf_magic(bytes)) {
        throw_image_error(name, "it is named like a raw binary but is an ELF file; flashing it raw would write the ELF "
                                "headers to flash (rename it to .elf, or convert it with objcopy -O binary)");
    }
    switch (format) {
    case ImageFormat::Elf: return parse_elf(bytes, name);
    case ImageFormat::IntelHex:
        return parse_intel_hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), name);
    case ImageFormat::Binary: return make_binary_image(bytes, options.binary_base, name);
    }
    throw_image_error(name, "unknown image format");
}

Image load_image(const std::filesystem::path& path, const ImageLoadOptions& options)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw Error(ErrorKind::ImageFormat, "cannot open the firmware image '" + path.string() + "'",
                    "check the path and that the file exists and is readable");
    }
    std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    if (file.bad()) {
        throw Error(ErrorKind::ImageFormat, "cannot read the firmware image '" + path.string() + "'",
                    "check that the file is readable");
    }
    return parse_image(bytes, path.string(), options);
}

}  // namespace hiltest::image
