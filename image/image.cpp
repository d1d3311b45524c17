#include "image/image.hpp"

#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"

namespace hiltest::image {

std::string_view to_string(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Elf: return "elf";
    case ImageFormat::IntelHex: return "ihex";
    case ImageFormat::Binary: return "bin";
    }
    return "unknown";
}

uint64_t Image::total_bytes() const
{
    uint64_t total = 0;
    for (const Segment& segment : segments) total += segment.data.size();
    return total;
}

uint64_t Image::lowest_address() const
{
    return segments.empty() ? 0 : segments.front().address;
}

uint64_t Image::highest_end() const
{
    return segments.empty() ? 0 : segments.back().end();
}

const Symbol* Image::find_symbol(std::string_view name) const
{
    auto it = std::lower_bound(symbols.begin(), symbols.end(), name,
                               [](const Symbol& symbol, std::string_view key) { return symbol.name < key; });
    if (it == symbols.end() || it->name != name) return nullptr;
    return &*it;
}

bool Image::copy_range(uint32_t address, std::span<uint8_t> out, uint8_t fill) const
{
    std::fill(out.begin(), out.end(), fill);
    const uint64_t begin = address;
    const uint64_t end = begin + out.size();
    bool any = false;
    // First segment that ends after `begin`.
    auto it = std::upper_bound(segments.begin(), segments.end(), begin,
                               [](uint64_t value, const Segment& segment) { return value < segment.end(); });
    for (; it != segments.end() && it->address < end; ++it) {
        const uint64_t from = std::max<uint64_t>(begin, it->address);
        const uint64_t to = std::min<uint64_t>(end, it->end());
        if (from >= to) continue;
        std::copy(it->data.begin() + static_cast<std::ptrdiff_t>(from - it->address),
                  it->data.begin() + static_cast<std::ptrdiff_t>(to - it->address),
                  out.begin() + static_cast<std::ptrdiff_t>(from - begin));
        any = true;
    }
    return any;
}

std::vector<Segment> normalize_segments(std::vector<Segment> pieces, const std::string& source)
{
    std::vector<uint32_t> starts;
    for (const Segment& piece : pieces) starts.push_back(piece.address);
    return normalize_segments(std::move(pieces), source, [&](size_t index) {
        return "the data at " + hex(starts[index]);
    });
}

void throw_image_error(const std::string& source, const std::string& what)
{
    throw Error(ErrorKind::ImageFormat, "cannot use the firmware image '" + source + "': " + what,
                "pass an ARM ELF (.elf), Intel HEX (.hex) or raw binary (.bin) image built for the target");
}

}  // namespace hiltest::image
