#include "tests/differential/core_under_test.hpp"

#include <algorithm>
#include <cstring>

namespace hiltest::testing::differential {

FlatBus::FlatBus(const MemoryLayout& layout) : layout_(layout), flash_(layout.flash_size), ram_(layout.ram_size) {}

uint8_t* FlatBus::locate(uint32_t address, unsigned size, bool for_write)
{
    if (address - layout_.ram_base < layout_.ram_size && address - layout_.ram_base + size <= layout_.ram_size)
        return ram_.data() + (address - layout_.ram_base);
    if (for_write) return nullptr;
    for (const uint32_t base : {layout_.flash_base, uint32_t(0)})
        if (address - base < layout_.flash_size && address - base + size <= layout_.flash_size)
            return flash_.data() + (address - base);
    return nullptr;
}

bool FlatBus::read(uint32_t address, unsigned size, uint32_t& value, Initiator)
{
    const uint8_t* bytes = locate(address, size, false);
    if (!bytes) return false;
    value = 0;
    std::memcpy(&value, bytes, size);  // little-endian host, like the target
    return true;
}

bool FlatBus::write(uint32_t address, unsigned size, uint32_t value, Initiator)
{
    uint8_t* bytes = locate(address, size, true);
    if (!bytes) return false;
    std::memcpy(bytes, &value, size);
    return true;
}

MemoryWindow FlatBus::window(uint32_t address)
{
    if (address - layout_.ram_base < layout_.ram_size) return {ram_.data(), layout_.ram_base, layout_.ram_size, true, 0};
    if (address - layout_.flash_base < layout_.flash_size) return {flash_.data(), layout_.flash_base, layout_.flash_size, false, 0};
    if (address < layout_.flash_size) return {flash_.data(), 0, layout_.flash_size, false, 0};
    return {};
}

CoreUnderTest::CoreUnderTest(const MemoryLayout& layout) : layout_(layout), bus_(layout), core_(bus_) {}

void CoreUnderTest::load(const std::vector<uint8_t>& flash, const Stream& stream)
{
    std::copy_n(flash.begin(), std::min(flash.size(), bus_.flash().size()), bus_.flash().begin());
    core_.memory_changed(layout_.flash_base, layout_.flash_size);
    core_.memory_changed(0, layout_.flash_size);
    std::copy(stream.initial.ram.begin(), stream.initial.ram.end(), bus_.ram().begin());
    core_.reset(ResetKind::PowerOn);
    MachineState initial;
    initial.registers = stream.initial.registers;
    initial.xpsr = stream.initial.xpsr;
    initial.masks = core_.read_register(20);
    set_state(initial);
}

MachineState CoreUnderTest::state() const
{
    MachineState state;
    for (unsigned r = 0; r < 16; ++r) state.registers[r] = core_.read_register(r);
    state.xpsr = core_.read_register(16);
    state.masks = core_.read_register(20);
    return state;
}

void CoreUnderTest::set_state(const MachineState& state)
{
    for (unsigned r = 0; r < 16; ++r) core_.write_register(r, state.registers[r]);
    core_.write_register(16, state.xpsr);
    core_.write_register(20, state.masks);
}

}  // namespace hiltest::testing::differential
