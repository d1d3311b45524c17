#include "tests/differential/unicorn_oracle.hpp"

#include <unicorn/unicorn.h>

#include <algorithm>
#include <utility>
#include <stdexcept>

namespace hiltest::testing::differential {
namespace {

constexpr int register_ids[16] = {UC_ARM_REG_R0,  UC_ARM_REG_R1,  UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R4,
                                  UC_ARM_REG_R5,  UC_ARM_REG_R6,  UC_ARM_REG_R7, UC_ARM_REG_R8, UC_ARM_REG_R9,
                                  UC_ARM_REG_R10, UC_ARM_REG_R11, UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR,
                                  UC_ARM_REG_PC};

void check(uc_err error, const char* what)
{
    if (error != UC_ERR_OK) throw std::runtime_error(std::string("Unicorn: ") + what + ": " + uc_strerror(error));
}

}  // namespace

UnicornOracle::UnicornOracle(const MemoryLayout& layout)
    : layout_(layout), flash_(layout.flash_size), ram_(layout.ram_size)
{
    check(uc_open(UC_ARCH_ARM, static_cast<uc_mode>(UC_MODE_THUMB | UC_MODE_MCLASS), &engine_), "open ARM Thumb M-class");
    try {
        check(uc_ctl_set_cpu_model(engine_, UC_CPU_ARM_CORTEX_M3), "select Cortex-M3");
        check(uc_mem_map_ptr(engine_, layout.flash_base, flash_.size(), UC_PROT_READ | UC_PROT_EXEC, flash_.data()), "map flash");
        check(uc_mem_map_ptr(engine_, layout.ram_base, ram_.size(), UC_PROT_READ | UC_PROT_WRITE, ram_.data()), "map SRAM");
        uc_hook hook = 0;
        check(uc_hook_add(engine_, &hook, UC_HOOK_CODE, reinterpret_cast<void*>(&UnicornOracle::on_code), this, 1, 0),
              "add code hook");
    } catch (...) {
        uc_close(engine_);
        throw;
    }
}

UnicornOracle::~UnicornOracle()
{
    uc_close(engine_);
}

void UnicornOracle::load(const std::vector<uint8_t>& flash, const Stream& stream)
{
    std::copy_n(flash.begin(), std::min(flash.size(), flash_.size()), flash_.begin());
    // Code was rewritten behind QEMU's back: drop translated blocks of the whole flash.
    check(uc_ctl_remove_cache(engine_, layout_.flash_base, layout_.flash_base + layout_.flash_size), "flush code cache");
    std::copy(stream.initial.ram.begin(), stream.initial.ram.end(), ram_.begin());
    MachineState initial;
    initial.registers = stream.initial.registers;
    initial.xpsr = stream.initial.xpsr;
    set_state(initial);  // masks 0: what the core's power-on reset leaves, whatever the last stream did
    uint32_t pc = initial.registers[15];
    check(uc_reg_write(engine_, UC_ARM_REG_PC, &pc), "write PC");
}

void UnicornOracle::on_code(uc_struct* engine, uint64_t address, uint32_t, void* self)
{
    auto* oracle = static_cast<UnicornOracle*>(self);
    if (oracle->observer_ && !oracle->observer_(static_cast<uint32_t>(address))) uc_emu_stop(engine);
}

std::string UnicornOracle::run(uint32_t end, InstructionObserver observer)
{
    observer_ = std::move(observer);
    uint32_t pc = 0;
    uc_reg_read(engine_, UC_ARM_REG_PC, &pc);
    const uc_err error = uc_emu_start(engine_, pc | 1, end, 0, 0);
    observer_ = nullptr;
    return error == UC_ERR_OK ? std::string() : std::string(uc_strerror(error));
}

MachineState UnicornOracle::state() const
{
    MachineState state;
    for (unsigned r = 0; r < 16; ++r) uc_reg_read(engine_, register_ids[r], &state.registers[r]);
    uc_reg_read(engine_, UC_ARM_REG_XPSR, &state.xpsr);
    uint32_t control = 0, faultmask = 0, basepri = 0, primask = 0;
    uc_reg_read(engine_, UC_ARM_REG_CONTROL, &control);
    uc_reg_read(engine_, UC_ARM_REG_FAULTMASK, &faultmask);
    uc_reg_read(engine_, UC_ARM_REG_BASEPRI, &basepri);
    uc_reg_read(engine_, UC_ARM_REG_PRIMASK, &primask);
    state.masks = (control & 0xFF) << 24 | (faultmask & 1) << 16 | (basepri & 0xFF) << 8 | (primask & 1);
    return state;
}

void UnicornOracle::set_state(const MachineState& state)
{
    for (unsigned r = 0; r < 15; ++r) {
        uint32_t value = state.registers[r];
        check(uc_reg_write(engine_, register_ids[r], &value), "write register");
    }
    uint32_t xpsr = state.xpsr;
    check(uc_reg_write(engine_, UC_ARM_REG_XPSR, &xpsr), "write xPSR");
    const std::pair<int, uint32_t> masks[] = {{UC_ARM_REG_PRIMASK, state.masks & 1},
                                              {UC_ARM_REG_BASEPRI, (state.masks >> 8) & 0xFF},
                                              {UC_ARM_REG_FAULTMASK, (state.masks >> 16) & 1}};
    for (auto [id, value] : masks) check(uc_reg_write(engine_, id, &value), "write interrupt masks");
}

}  // namespace hiltest::testing::differential
