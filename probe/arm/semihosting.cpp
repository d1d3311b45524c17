#include "probe/arm/semihosting.hpp"

#include <array>
#include <vector>

namespace hiltest::probe::arm {
namespace {

constexpr uint16_t kBkptSemihosting = 0xBEAB;

}  // namespace

std::string SemihostingService::read_string(uint32_t address, std::size_t max_length)
{
    std::string text;
    std::array<uint8_t, 64> block{};
    while (text.size() < max_length) {
        core_.target().read_memory(address + static_cast<uint32_t>(text.size()), block, AccessWidth::Bits8);
        for (uint8_t byte : block) {
            if (byte == 0) return text;
            text += static_cast<char>(byte);
        }
    }
    return text;
}

bool SemihostingService::service_if_requested()
{
    if (!(core_.debug_fault_status() & dfsr::kBkpt)) return false;
    TargetAccess& target = core_.target();
    const uint32_t pc = core_.read_register(CoreRegister::PC);
    std::array<uint8_t, 2> instruction{};
    target.read_memory(pc & ~1u, instruction, AccessWidth::Bits16);
    if ((instruction[0] | (instruction[1] << 8)) != kBkptSemihosting) return false;

    const uint32_t op = core_.read_register(CoreRegister::R0);
    const uint32_t param = core_.read_register(CoreRegister::R1);
    uint32_t result = 0;
    switch (op) {
    case semihosting_op::kWriteC: {
        std::array<uint8_t, 1> c{};
        target.read_memory(param, c, AccessWidth::Bits8);
        output_ += static_cast<char>(c[0]);
        break;
    }
    case semihosting_op::kWrite0: output_ += read_string(param); break;
    case semihosting_op::kWrite: {
        const uint32_t buffer = target.read_word(param + 4);
        const uint32_t length = target.read_word(param + 8);
        std::vector<uint8_t> bytes(std::min<uint32_t>(length, 1u << 16));
        target.read_memory(buffer, bytes, AccessWidth::Bits8);
        output_.append(bytes.begin(), bytes.end());
        result = length - static_cast<uint32_t>(bytes.size());  // bytes NOT written
        break;
    }
    case semihosting_op::kExit:
        exit_code_ = param == semihosting_op::kApplicationExit ? 0 : 1;
        core_.clear_debug_fault_status();
        return true;
    case semihosting_op::kExitExtended: {
        const uint32_t reason = target.read_word(param);
        const uint32_t subcode = target.read_word(param + 4);
        exit_code_ = reason == semihosting_op::kApplicationExit ? static_cast<int>(subcode) : 1;
        core_.clear_debug_fault_status();
        return true;
    }
    default: result = 0xFFFFFFFFu; break;  // -1: not supported by this host
    }
    core_.write_register(CoreRegister::R0, result);
    core_.write_register(CoreRegister::PC, (pc & ~1u) + 2);
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
        if (exit_code_) return {SemihostingResult::End::Exited, *exit_code_, 0};
        core_.resume();
    }
}

}  // namespace hiltest::probe::arm
