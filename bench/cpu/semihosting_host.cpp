#include "bench/cpu/semihosting_host.hpp"

#include <algorithm>

namespace hiltest::bench {
namespace {

constexpr uint32_t dhcsr = 0xE000EDF0;
constexpr uint32_t dhcsr_key_debugen = 0xA05F0001;
constexpr uint32_t sys_writec = 0x03, sys_write0 = 0x04, sys_exit = 0x18;

std::string read_string(sim::CortexM3& core, uint32_t address)
{
    std::string text;
    for (uint32_t value = 0; text.size() < 4096 && core.debug_read(address + uint32_t(text.size()), 1, value) && value != 0;)
        text.push_back(char(value));
    return text;
}

}  // namespace

SemihostedRun run_semihosted(sim::CortexM3& core, uint64_t cycle_budget)
{
    SemihostedRun result;
    core.debug_write(dhcsr, 4, dhcsr_key_debugen);
    const uint64_t start = core.cycle_count();
    while (core.cycle_count() - start < cycle_budget) {
        core.run(std::min<uint64_t>(cycle_budget - (core.cycle_count() - start), 100'000'000));
        if (core.state() == sim::RunState::Lockup) {
            result.stopped_because = "core locked up (fault inside HardFault)";
            return result;
        }
        if (core.state() != sim::RunState::Halted) continue;
        const auto request = core.semihosting_request();
        if (!request) {
            result.stopped_because = "core halted without a semihosting request";
            return result;
        }
        uint32_t answer = 0;
        switch (request->operation) {
        case sys_exit:
            result.exited = true;
            result.exit_reason = request->parameter;
            return result;
        case sys_write0:
            result.output += read_string(core, request->parameter);
            break;
        case sys_writec: {
            uint32_t value = 0;
            if (core.debug_read(request->parameter, 1, value)) result.output.push_back(char(value));
            break;
        }
        default:
            answer = 0xFFFFFFFF;  // unsupported operation: -1 as the semihosting spec asks
        }
        core.write_register(0, answer);
        core.write_register(15, core.read_register(15) + 2);
        core.debug_write(dhcsr, 4, dhcsr_key_debugen);  // clear C_HALT: resume
    }
    result.stopped_because = "cycle budget exhausted";
    return result;
}

}  // namespace hiltest::bench
