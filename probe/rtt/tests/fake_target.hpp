#pragma once
// A target made of plain memory for the RTT client's tests: 20 KB of SRAM at 0x20000000 and
// 64 KB of flash at 0x08000000. Counts every access and records where writes went; an access
// outside both regions throws TargetFault, as a probe's would.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

#include "probe/arm/target_access.hpp"
#include "probe/base/error.hpp"

namespace hiltest::probe::rtt::testing {

class FakeTarget final : public arm::TargetAccess {
public:
    static constexpr uint32_t kSram = 0x20000000;
    static constexpr uint32_t kFlash = 0x08000000;

    unsigned reads = 0;
    unsigned writes = 0;
    std::vector<uint32_t> written_addresses;  // start address of every write
    std::vector<uint32_t> read_addresses;     // start address of every read_memory

    void read_memory(uint32_t address, std::span<uint8_t> out, arm::AccessWidth) override
    {
        ++reads;
        read_addresses.push_back(address);
        std::memcpy(out.data(), at(address, out.size()), out.size());
    }
    void write_memory(uint32_t address, std::span<const uint8_t> data, arm::AccessWidth) override
    {
        ++writes;
        written_addresses.push_back(address);
        std::memcpy(at(address, data.size()), data.data(), data.size());
    }
    uint32_t read_word(uint32_t address) override
    {
        ++reads;
        return peek32(address);
    }
    void write_word(uint32_t address, uint32_t value) override
    {
        ++writes;
        written_addresses.push_back(address);
        poke32(address, value);
    }
    uint32_t read_core_register(unsigned) override { return 0; }
    void write_core_register(unsigned, uint32_t) override {}
    void set_reset_line(bool) override {}

    // The test's own view of memory: not counted.
    uint32_t peek32(uint32_t address)
    {
        uint32_t value;
        std::memcpy(&value, at(address, 4), 4);
        return value;
    }
    void poke32(uint32_t address, uint32_t value) { std::memcpy(at(address, 4), &value, 4); }
    void poke(uint32_t address, std::string_view bytes)
    {
        std::memcpy(at(address, bytes.size()), bytes.data(), bytes.size());
    }
    std::string peek(uint32_t address, std::size_t length)
    {
        return std::string(reinterpret_cast<const char*>(at(address, length)), length);
    }

private:
    uint8_t* at(uint32_t address, std::size_t length)
    {
        if (address >= kSram && address - kSram + length <= sram_.size())
            return sram_.data() + (address - kSram);
        if (address >= kFlash && address - kFlash + length <= flash_.size())
            return flash_.data() + (address - kFlash);
        throw Error(ErrorKind::TargetFault, "fake target: no memory at " + std::to_string(address));
    }
    std::vector<uint8_t> sram_ = std::vector<uint8_t>(20 * 1024);
    std::vector<uint8_t> flash_ = std::vector<uint8_t>(64 * 1024);
};

// Writes an RTT control block the way a firmware's init does (ID last) and plays the firmware's
// side: writing up-buffers honouring the mode and reading down-buffers.
class FakeFirmware {
public:
    struct Channel {
        const char* name;
        uint32_t size;
        uint32_t flags;
    };
    FakeFirmware(FakeTarget& target, uint32_t block, std::vector<Channel> up, std::vector<Channel> down)
        : target_(target), block_(block), up_(std::move(up)), down_(std::move(down))
    {
    }

    void init(uint32_t buffers = FakeTarget::kSram + 0x1000, uint32_t names = FakeTarget::kFlash + 0x100)
    {
        target_.poke(block_, std::string(16, '\0'));
        target_.poke32(block_ + 16, static_cast<uint32_t>(up_.size()));
        target_.poke32(block_ + 20, static_cast<uint32_t>(down_.size()));
        uint32_t buffer = buffers;
        uint32_t name = names;
        unsigned index = 0;
        for (const auto* list : {&up_, &down_}) {
            for (const Channel& channel : *list) {
                const uint32_t d = descriptor(index++);
                target_.poke(name, std::string(channel.name) + '\0');
                target_.poke32(d + 0, name);
                target_.poke32(d + 4, buffer);
                target_.poke32(d + 8, channel.size);
                target_.poke32(d + 12, 0);
                target_.poke32(d + 16, 0);
                target_.poke32(d + 20, channel.flags);
                name += 32;
                buffer += channel.size;
            }
        }
        target_.poke(block_, std::string("SEGGER RTT\0\0\0\0\0\0", 16));
    }
    void clear_id() { target_.poke(block_, std::string(16, '\0')); }

    uint32_t descriptor(unsigned index) const { return block_ + 24 + index * 24; }

    // Writes what fits by the channel's mode; returns how many bytes went in.
    std::size_t write(unsigned channel, std::string_view bytes)
    {
        const uint32_t d = descriptor(channel);
        const uint32_t buffer = target_.peek32(d + 4), size = target_.peek32(d + 8);
        uint32_t write = target_.peek32(d + 12);
        const uint32_t read = target_.peek32(d + 16);
        const uint32_t space = read > write ? read - write - 1 : size - (write - read) - 1;
        if ((target_.peek32(d + 20) & 3) == 0 && space < bytes.size()) return 0;  // skip
        const std::size_t count = std::min<std::size_t>(space, bytes.size());
        for (std::size_t i = 0; i < count; ++i) {
            target_.poke(buffer + write, bytes.substr(i, 1));
            write = (write + 1) % size;
        }
        target_.poke32(d + 12, write);
        return count;
    }
    // Reads everything the host wrote into down channel `channel`.
    std::string read_down(unsigned channel)
    {
        const uint32_t d = descriptor(static_cast<unsigned>(up_.size()) + channel);
        const uint32_t buffer = target_.peek32(d + 4), size = target_.peek32(d + 8);
        const uint32_t write = target_.peek32(d + 12);
        uint32_t read = target_.peek32(d + 16);
        std::string out;
        while (read != write) {
            out += target_.peek(buffer + read, 1);
            read = (read + 1) % size;
        }
        target_.poke32(d + 16, read);
        return out;
    }

private:
    FakeTarget& target_;
    uint32_t block_;
    std::vector<Channel> up_;
    std::vector<Channel> down_;
};

}  // namespace hiltest::probe::rtt::testing
