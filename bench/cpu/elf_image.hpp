#pragma once
// Just enough ELF for the benchmark: the PT_LOAD segments of a firmware image at their
// physical (load) addresses, read through libelf. Throws hiltest::Error(ImageFormat).
#include <cstdint>
#include <string>
#include <vector>

namespace hiltest::bench {

struct LoadSegment {
    uint32_t address = 0;
    std::vector<uint8_t> bytes;
};

std::vector<LoadSegment> read_load_segments(const std::string& path);

}  // namespace hiltest::bench
