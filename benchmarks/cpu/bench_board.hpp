#pragma once
// The least board a CPU benchmark needs: STM32F103 flash (aliased at 0 for the reset vectors)
// and SRAM as plain memory windows, nothing else. Peripheral accesses are bus errors.
#include <cstdint>
#include <vector>

#include "fixtures/bluepill/cpu/bus.hpp"

namespace hiltest::benchmarks {

class BenchBus final : public sim::Bus {
public:
    static constexpr uint32_t flash_base = 0x08000000;
    static constexpr uint32_t flash_size = 128 * 1024;  // the F103C8 really has 128 KB behind 64 KB
    static constexpr uint32_t sram_base = 0x20000000;
    static constexpr uint32_t sram_size = 20 * 1024;

    BenchBus();
    bool read(uint32_t address, unsigned size, uint32_t& value, sim::Initiator who) override;
    bool write(uint32_t address, unsigned size, uint32_t value, sim::Initiator who) override;
    sim::MemoryWindow window(uint32_t address) override;

    // Image loading (ELF load segments at their physical addresses). false = outside memory.
    bool load(uint32_t address, const std::vector<uint8_t>& bytes);

private:
    uint8_t* locate(uint32_t address, unsigned size, bool for_write);

    std::vector<uint8_t> flash_;
    std::vector<uint8_t> sram_;
};

}  // namespace hiltest::benchmarks
