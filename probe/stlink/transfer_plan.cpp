#include "probe/stlink/transfer_plan.hpp"

#include <algorithm>

namespace hiltest::probe::stlink {

std::vector<TransferChunk> plan_transfer(uint32_t address, std::size_t size, arm::AccessWidth widest,
                                         const TransferLimits& limits)
{
    using arm::AccessWidth;
    std::vector<TransferChunk> chunks;
    if (widest == AccessWidth::Bits16 && !limits.has_16bit) widest = AccessWidth::Bits8;
    uint64_t pos = address;
    const uint64_t end = static_cast<uint64_t>(address) + size;
    while (pos < end) {
        const uint64_t remaining = end - pos;
        const uint64_t block_left = limits.tar_block - (pos % limits.tar_block);
        const unsigned unit = static_cast<unsigned>(widest);
        uint64_t take = 0;
        AccessWidth width = AccessWidth::Bits8;
        if (unit > 1 && pos % unit == 0 && remaining >= unit) {
            width = widest;
            const uint64_t cap = limits.max_wide - limits.max_wide % unit;
            take = std::min({remaining - remaining % unit, block_left, cap});
        } else if (unit > 1 && pos % unit != 0) {
            // Head: bytes up to the next aligned address.
            take = std::min<uint64_t>({unit - pos % unit, remaining, block_left});
        } else {
            take = std::min<uint64_t>({remaining, block_left, limits.max_8bit});
        }
        chunks.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(take), width,
                          static_cast<std::size_t>(pos - address)});
        pos += take;
    }
    return chunks;
}

}  // namespace hiltest::probe::stlink
