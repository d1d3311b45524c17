// libFuzzer entry point for the RTT control block decoder: any bytes read from a target must
// decode without a crash, and whatever decodes must keep its promises (counts within the cap,
// every usable buffer inside the RAM window, stretches inside their buffer).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "probe/rtt/rtt_layout.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace hiltest::probe::rtt;
    const MemoryWindow ram{0x20000000, 20 * 1024};
    const std::span<const uint8_t> bytes(data, size);
    for (const std::size_t offset : find_ids(bytes, ram.start)) {
        if (offset % 4 != 0 || !has_id(bytes.subspan(offset))) std::abort();
    }
    const auto block = decode_control_block(bytes, ram.start, ram);
    if (!block) return 0;
    if (block->counts.up > kMaxChannels || block->counts.down > kMaxChannels) std::abort();
    if (block->up.size() != block->counts.up || block->down.size() != block->counts.down) std::abort();
    for (const BufferDescriptor& up : block->up) {
        if (check_descriptor(up, ram) != DescriptorState::Usable) continue;
        uint32_t total = 0;
        for (const Stretch& stretch : unread_stretches(up)) {
            if (stretch.length == 0 || !ram.contains(up.buffer + stretch.offset, stretch.length))
                std::abort();
            total += stretch.length;
        }
        if (total >= up.size) std::abort();
    }
    for (const BufferDescriptor& down : block->down) {
        if (check_descriptor(down, ram) == DescriptorState::Usable && free_space(down) >= down.size)
            std::abort();
    }
    return 0;
}
