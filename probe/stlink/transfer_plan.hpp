#pragma once
// How one memory access becomes ST-Link commands: 32/16-bit bodies with 8-bit heads and
// tails for alignment, each command within the probe's size limit and never crossing a
// TAR auto-increment block (1 KB, or 4 KB once the core is known to be an M3/M4).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "probe/arm/target_access.hpp"

namespace hiltest::probe::stlink {

struct TransferLimits {
    uint32_t max_8bit = 64;
    uint32_t max_wide = 6144;
    uint32_t tar_block = 1024;
    bool has_16bit = true;
};

struct TransferChunk {
    uint32_t address;
    uint32_t size;       // bytes
    arm::AccessWidth width;
    std::size_t offset;  // into the caller's buffer
};

std::vector<TransferChunk> plan_transfer(uint32_t address, std::size_t size, arm::AccessWidth widest,
                                         const TransferLimits& limits);

}  // namespace hiltest::probe::stlink
