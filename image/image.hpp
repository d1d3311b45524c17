#pragma once
// A firmware image as the programmer, the runner and the simulated board see it: sorted,
// non-overlapping segments of bytes at their load addresses, an entry point and (for ELF) a symbol
// table. Every reader (ELF, Intel HEX, raw binary) produces one; nothing downstream knows which
// format it came from.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hiltest::image {

enum class ImageFormat { Elf, IntelHex, Binary };
std::string_view to_string(ImageFormat format);

struct Segment {
    uint32_t address = 0;
    std::vector<uint8_t> data;

    // One past the last byte, as 64 bits so a segment ending at 4 GiB is representable.
    uint64_t end() const { return uint64_t{address} + data.size(); }
    bool operator==(const Segment&) const = default;
};

struct Symbol {
    std::string name;
    uint32_t address = 0;
    uint32_t size = 0;
};

struct Image {
    std::string source;  // file name (or a label) errors and reports use
    ImageFormat format = ImageFormat::Binary;
    std::vector<Segment> segments;  // sorted by address, non-overlapping, adjacent ones merged
    std::optional<uint32_t> entry;
    std::vector<Symbol> symbols;    // sorted by name

    uint64_t total_bytes() const;
    uint64_t lowest_address() const;   // 0 for an empty image
    uint64_t highest_end() const;      // one past the last byte; 0 for an empty image
    const Symbol* find_symbol(std::string_view name) const;
    bool empty() const { return segments.empty(); }

    // Copies the image bytes in [address, address + out.size()) into `out`; bytes the image does
    // not define are set to `fill`. Returns whether the image defines any byte of the range.
    bool copy_range(uint32_t address, std::span<uint8_t> out, uint8_t fill = 0xFF) const;
};

// Sorts pieces by address, refuses overlaps (throws hiltest::Error ImageFormat naming both
// pieces through `describe(i)` and the overlapping address), and merges adjacent pieces.
// Empty pieces are dropped.
template <class Describe>
std::vector<Segment> normalize_segments(std::vector<Segment> pieces, const std::string& source, Describe describe);
std::vector<Segment> normalize_segments(std::vector<Segment> pieces, const std::string& source);

// The error every image reader throws: kind ImageFormat, "cannot use the firmware image 'NAME': WHAT".
[[noreturn]] void throw_image_error(const std::string& source, const std::string& what);

}  // namespace hiltest::image

#include "image/image_normalize.ipp"
