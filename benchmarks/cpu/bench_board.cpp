#include "benchmarks/cpu/bench_board.hpp"

#include <algorithm>
#include <cstring>

namespace hiltest::benchmarks {

BenchBus::BenchBus() : flash_(flash_size, 0xFF), sram_(sram_size) {}

uint8_t* BenchBus::locate(uint32_t address, unsigned size, bool for_write)
{
    if (address - sram_base < sram_size && address - sram_base + size <= sram_size) return sram_.data() + (address - sram_base);
    if (for_write) return nullptr;
    for (const uint32_t base : {flash_base, uint32_t(0)})
        if (address - base < flash_size && address - base + size <= flash_size) return flash_.data() + (address - base);
    return nullptr;
}

bool BenchBus::read(uint32_t address, unsigned size, uint32_t& value, sim::Initiator)
{
    const uint8_t* bytes = locate(address, size, false);
    if (!bytes) return false;
    value = 0;
    std::memcpy(&value, bytes, size);
    return true;
}

bool BenchBus::write(uint32_t address, unsigned size, uint32_t value, sim::Initiator)
{
    uint8_t* bytes = locate(address, size, true);
    if (!bytes) return false;
    std::memcpy(bytes, &value, size);
    return true;
}

sim::MemoryWindow BenchBus::window(uint32_t address)
{
    if (address - sram_base < sram_size) return {sram_.data(), sram_base, sram_size, true, 0};
    if (address - flash_base < flash_size) return {flash_.data(), flash_base, flash_size, false, 0};
    if (address < flash_size) return {flash_.data(), 0, flash_size, false, 0};
    return {};
}

bool BenchBus::load(uint32_t address, const std::vector<uint8_t>& bytes)
{
    for (auto [base, memory] : {std::pair{flash_base, &flash_}, std::pair{sram_base, &sram_}}) {
        if (address >= base && address - base + bytes.size() <= memory->size()) {
            std::copy(bytes.begin(), bytes.end(), memory->begin() + (address - base));
            return true;
        }
    }
    return false;
}

}  // namespace hiltest::benchmarks
