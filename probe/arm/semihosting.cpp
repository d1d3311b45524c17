#include "probe/arm/semihosting.hpp"

#include <algorithm>
#include <array>

namespace hiltest::probe::arm {
namespace {

namespace semihosting = armv7m::semihosting;

// The halted core over SWD. Memory errors are the link's and pass through as they are.
class SwdTarget final : public semihosting::Target {
public:
    SwdTarget(CortexM& core, uint32_t pc, uint64_t elapsed_ns) : core_(core), pc_(pc), elapsed_ns_(elapsed_ns) {}

    std::size_t read_bytes(uint32_t address, std::span<uint8_t> bytes) override
    {
        core_.target().read_memory(address, bytes, AccessWidth::Bits8);
        return bytes.size();
    }
    bool read_word(uint32_t address, uint32_t& value) override
    {
        value = core_.target().read_word(address);
        return true;
    }
    std::size_t write_bytes(uint32_t address, std::span<const uint8_t> bytes) override
    {
        core_.target().write_memory(address, bytes, AccessWidth::Bits8);
        return bytes.size();
    }
    bool write_word(uint32_t address, uint32_t value) override
    {
        core_.target().write_word(address, value);
        return true;
    }
    uint64_t elapsed_ns() const override { return elapsed_ns_; }
    void return_from_call(uint32_t result) override
    {
        core_.write_register(CoreRegister::R0, result);
        core_.write_register(CoreRegister::PC, pc_ + 2);
    }

private:
    CortexM& core_;
    uint32_t pc_;  // of the BKPT
    uint64_t elapsed_ns_;
};

}  // namespace

bool SemihostingService::service_if_requested()
{
    if (!(core_.debug_fault_status() & dfsr::kBkpt)) return false;
    const uint32_t pc = core_.read_register(CoreRegister::PC) & ~1u;
    std::array<uint8_t, 2> instruction{};
    core_.target().read_memory(pc, instruction, AccessWidth::Bits16);
    if ((instruction[0] | (instruction[1] << 8)) != semihosting::kBkptInstruction) return false;

    const semihosting::Call call{core_.read_register(CoreRegister::R0), core_.read_register(CoreRegister::R1)};
    const auto elapsed = core_.clock().now() - run_started_;
    SwdTarget target(core_, pc, static_cast<uint64_t>(std::max<int64_t>(0, elapsed.count())));
    if (host_.perform(call, target) == semihosting::Outcome::Exited) core_.clear_debug_fault_status();
    return true;
}

SemihostingResult SemihostingService::run(Duration timeout)
{
    const auto deadline = core_.clock().now() + timeout;
    core_.resume();
    while (true) {
        const auto now = core_.clock().now();
        if (now >= deadline) return {SemihostingResult::End::Timeout, 0, 0};
        if (!core_.wait_for_halt(deadline - now)) return {SemihostingResult::End::Timeout, 0, 0};
        if (!service_if_requested()) {
            return {SemihostingResult::End::Halted, 0, core_.read_register(CoreRegister::PC)};
        }
        if (host_.exit_status()) return {SemihostingResult::End::Exited, *host_.exit_status(), 0};
        core_.resume();
    }
}

}  // namespace hiltest::probe::arm
