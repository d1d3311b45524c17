#pragma once
// The simulated CortexM3 on a flat memory map matching MemoryLayout: flash (also aliased at 0
// for the reset vectors) and the data window. Nothing else exists, so a stray access is a
// BusFault and shows up as a mismatch.
#include <cstdint>
#include <vector>

#include "fixtures/bluepill/cpu/bus.hpp"
#include "fixtures/bluepill/cpu/cortex_m3.hpp"
#include "tests/differential/machine_state.hpp"
#include "tests/differential/thumb_stream.hpp"

namespace hiltest::testing::differential {

using namespace hiltest::sim;  // the simulated core under test

class FlatBus final : public Bus {
public:
    explicit FlatBus(const MemoryLayout& layout);
    bool read(uint32_t address, unsigned size, uint32_t& value, Initiator who) override;
    bool write(uint32_t address, unsigned size, uint32_t value, Initiator who) override;
    MemoryWindow window(uint32_t address) override;

    std::vector<uint8_t>& flash() { return flash_; }
    std::vector<uint8_t>& ram() { return ram_; }

private:
    uint8_t* locate(uint32_t address, unsigned size, bool for_write);

    MemoryLayout layout_;
    std::vector<uint8_t> flash_;
    std::vector<uint8_t> ram_;
};

class CoreUnderTest {
public:
    explicit CoreUnderTest(const MemoryLayout& layout);

    void load(const std::vector<uint8_t>& flash, const Stream& stream);
    void step() { core_.run(1); }
    RunState run_state() const { return core_.state(); }
    MachineState state() const;
    void set_state(const MachineState& state);
    std::vector<uint8_t>& ram() { return bus_.ram(); }

private:
    MemoryLayout layout_;
    FlatBus bus_;
    CortexM3 core_;
};

}  // namespace hiltest::testing::differential
