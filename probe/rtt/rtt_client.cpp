#include "probe/rtt/rtt_client.hpp"

#include <algorithm>

#include "probe/base/error.hpp"

namespace hiltest::probe::rtt {
namespace {

// Names usually sit in flash (string literals); 64 KB is the smallest flash of the parts the
// runner targets, so a name pointer beyond it is not followed (reading there could fault).
constexpr MemoryWindow kFlashForNames{0x08000000, 64 * 1024};

// A probe command costs about as much time as a few hundred bytes of transfer (1 ms per USB
// round trip against 800 ns per byte on an ST-Link/V2), so a wrapped buffer whose free gap is at
// most this big is read in one piece.
constexpr uint32_t kWrapGapBytes = 256;

// Same buffer, same size, same name, the host's RdOff still in place: the firmware did not
// re-initialise the block since the host last looked.
bool same_channel(const BufferDescriptor& seen, const BufferDescriptor& now)
{
    return seen.name == now.name && seen.buffer == now.buffer && seen.size == now.size &&
           seen.read_offset == now.read_offset;
}

}  // namespace

RttClient::RttClient(arm::TargetAccess& target, RttLocation where) : target_(target), where_(where) {}

std::string RttClient::up_channel_name(unsigned channel) const
{
    return attached_ && channel < up_names_.size() ? up_names_[channel] : std::string();
}

void RttClient::target_restarted()
{
    attached_ = false;
}

std::vector<uint8_t> RttClient::read(uint32_t address, std::size_t length)
{
    std::vector<uint8_t> bytes(length);
    ++statistics_.memory_reads;
    target_.read_memory(address, bytes);
    return bytes;
}

std::string RttClient::read_span(uint32_t address, uint32_t length)
{
    // Widened to whole words when that stays in RAM: the probe reads an unaligned span as 8-bit
    // head, 32-bit body and 8-bit tail, three commands instead of one. Only reads are widened,
    // so nothing outside the span is ever written.
    const uint32_t start = address & ~3u;
    const uint32_t end = (address + length + 3u) & ~3u;
    const bool widen = end > start && ram().contains(start, end - start);
    const std::vector<uint8_t> bytes = widen ? read(start, end - start) : read(address, length);
    const std::size_t skip = widen ? address - start : 0;
    return std::string(bytes.begin() + static_cast<std::ptrdiff_t>(skip),
                       bytes.begin() + static_cast<std::ptrdiff_t>(skip + length));
}

uint32_t RttClient::up_descriptor_address(unsigned channel) const
{
    return block_ + static_cast<uint32_t>(kHeaderSize + channel * kDescriptorSize);
}

uint32_t RttClient::down_descriptor_address(unsigned channel) const
{
    return up_descriptor_address(counts_.up + channel);
}

std::vector<RttChunk> RttClient::poll()
{
    ++statistics_.polls;
    std::vector<RttChunk> chunks;
    if (!attached_) {
        if (attach()) read_new_data(chunks);
        return chunks;
    }
    // One read covers the ID, the counts and every up-descriptor: enough to see both new data
    // and a block that was cleared or re-initialised since the last poll.
    const std::vector<uint8_t> snapshot = read(block_, counts_.up_bytes());
    const auto counts = decode_counts(snapshot);
    if (!counts || !(*counts == counts_)) {
        attached_ = false;  // cleared (e.g. .bss zeroed at start-up) or rebuilt: find it again
        if (attach()) read_new_data(chunks);
        return chunks;
    }
    bool coherent = true;
    std::vector<BufferDescriptor> now;
    for (unsigned i = 0; i < counts_.up; ++i) {
        now.push_back(decode_descriptor(std::span(snapshot).subspan(kHeaderSize + i * kDescriptorSize)));
        coherent = coherent && same_channel(up_[i], now.back()) &&
                   check_descriptor(now.back(), ram()) == check_descriptor(up_[i], ram());
    }
    if (!coherent) {
        // Re-initialised in place (RdOff back to 0, buffers moved): what the new descriptors
        // say is unread is the new run's output, so it is read from their offsets.
        attached_ = false;
        if (attach()) read_new_data(chunks);
        return chunks;
    }
    up_ = std::move(now);
    read_new_data(chunks);
    return chunks;
}

void RttClient::read_new_data(std::vector<RttChunk>& chunks)
{
    for (unsigned i = 0; i < up_.size(); ++i) {
        BufferDescriptor& up = up_[i];
        if (check_descriptor(up, ram()) != DescriptorState::Usable) continue;
        const std::vector<Stretch> stretches = unread_stretches(up);
        if (stretches.empty()) continue;
        RttChunk chunk{i, {}};
        if (stretches.size() == 2 && up.read_offset - up.write_offset <= kWrapGapBytes) {
            // Wrapped with little free space between the two stretches (the usual case of a
            // full blocking buffer): one read of the whole buffer costs a few bytes more and one
            // probe command less than two reads.
            const std::string all = read_span(up.buffer, up.size);
            chunk.bytes = all.substr(up.read_offset) + all.substr(0, up.write_offset);
        } else {
            for (const Stretch& stretch : stretches)
                chunk.bytes += read_span(up.buffer + stretch.offset, stretch.length);
        }
        ++statistics_.memory_writes;
        target_.write_word(up_descriptor_address(i) + kReadOffsetField, up.write_offset);
        up.read_offset = up.write_offset;
        statistics_.bytes_read += chunk.bytes.size();
        chunks.push_back(std::move(chunk));
    }
}

std::size_t RttClient::send(unsigned channel, std::string_view bytes)
{
    if (!attached_ && !attach()) return 0;
    if (channel >= down_.size()) {
        throw Error(ErrorKind::Usage,
                    "RTT down channel " + std::to_string(channel) +
                        " does not exist: the firmware's control block has " + std::to_string(down_.size()) +
                        " down channel(s)",
                    "send on a channel the firmware configures (0 is the usual one)");
    }
    const uint32_t address = down_descriptor_address(channel);
    const BufferDescriptor down = decode_descriptor(read(address, kDescriptorSize));
    const BufferDescriptor& known = down_[channel];
    if (down.buffer != known.buffer || down.size != known.size ||
        check_descriptor(down, ram()) != DescriptorState::Usable) {
        // Unused, or re-initialised since the attach: nothing is written until it is found again.
        if (check_descriptor(down, ram()) != DescriptorState::Unused) attached_ = false;
        return 0;
    }
    const uint32_t count = std::min<uint32_t>(
        free_space(down), static_cast<uint32_t>(std::min<std::size_t>(bytes.size(), UINT32_MAX)));
    if (count == 0) return 0;
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    const uint32_t first = std::min(count, down.size - down.write_offset);
    ++statistics_.memory_writes;
    target_.write_memory(down.buffer + down.write_offset, std::span(data, first));
    if (count > first) {
        ++statistics_.memory_writes;
        target_.write_memory(down.buffer, std::span(data + first, count - first));
    }
    // WrOff last: the firmware reads nothing of the new bytes before it moves.
    ++statistics_.memory_writes;
    target_.write_word(address + kWriteOffsetField, (down.write_offset + count) % down.size);
    down_[channel] = down;
    statistics_.bytes_written += count;
    return count;
}

bool RttClient::attach()
{
    if (where_.address) {
        if (!ram().contains(*where_.address, kHeaderSize)) return false;
        return attach_at(*where_.address, {});
    }
    const auto found = scan_for_block();
    return found.has_value();
}

std::optional<uint32_t> RttClient::scan_for_block()
{
    // The whole window in one read (the probe splits it into its largest transfers); every
    // aligned ID in it is tried in order, so a stray copy of the ID text is passed over.
    const std::vector<uint8_t> memory = read(where_.scan_start, where_.scan_size);
    for (const std::size_t offset : find_ids(memory, where_.scan_start)) {
        const uint32_t address = where_.scan_start + static_cast<uint32_t>(offset);
        if (attach_at(address, std::span(memory).subspan(offset))) return address;
    }
    return std::nullopt;
}

bool RttClient::attach_at(uint32_t address, std::span<const uint8_t> known_bytes)
{
    std::vector<uint8_t> bytes(known_bytes.begin(), known_bytes.end());
    if (bytes.empty()) {
        bytes = read(address, kHeaderSize);
        const auto counts = decode_counts(bytes);
        if (!counts || !ram().contains(address, static_cast<uint32_t>(counts->bytes()))) return false;
        const std::vector<uint8_t> descriptors = read(address + kHeaderSize, counts->bytes() - kHeaderSize);
        bytes.insert(bytes.end(), descriptors.begin(), descriptors.end());
    }
    auto block = decode_control_block(bytes, address, ram());
    if (!block) return false;
    block_ = address;
    counts_ = block->counts;
    up_ = std::move(block->up);
    down_ = std::move(block->down);
    up_names_.clear();
    for (const BufferDescriptor& up : up_) up_names_.push_back(read_name(up.name));
    attached_ = true;
    if (ever_attached_) ++statistics_.reattaches;
    ever_attached_ = true;
    return true;
}

std::string RttClient::read_name(uint32_t address)
{
    MemoryWindow region;
    if (ram().contains(address, 1)) {
        region = ram();
    } else if (kFlashForNames.contains(address, 1)) {
        region = kFlashForNames;
    } else {
        return {};
    }
    const uint32_t length = std::min<uint32_t>(kMaxNameLength, region.start + region.size - address);
    const std::vector<uint8_t> bytes = read(address, length);
    const auto end = std::find(bytes.begin(), bytes.end(), uint8_t{0});
    std::string name(bytes.begin(), end);
    // A name is text; anything else is a pointer to something that is not one.
    if (!std::all_of(name.begin(), name.end(), [](char c) { return c >= 0x20 && c < 0x7F; })) return {};
    return name;
}

}  // namespace hiltest::probe::rtt
