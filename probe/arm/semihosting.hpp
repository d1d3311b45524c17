#pragma once
// Semihosting over SWD: when the core halts on BKPT 0xAB (DFSR.BKPT and the instruction under
// PC) the call in r0/r1 is performed by the one semihosting host (arch/armv7m/semihosting.hpp)
// through the probe's memory access, its result goes to r0, PC steps past the BKPT and the core
// resumes. Output is captured.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "arch/armv7m/semihosting.hpp"
#include "probe/arm/cortex_m.hpp"

namespace hiltest::probe::arm {

struct SemihostingResult {
    enum class End { Exited, Timeout, Halted };
    End end = End::Timeout;
    int exit_code = 0;   // for Exited
    uint32_t pc = 0;     // where the core stopped for Halted
};

class SemihostingService {
public:
    // `config`: what the firmware is given (command line, stdin, heap); time calls count from
    // the core's Clock since this service was made or the firmware last restarted.
    explicit SemihostingService(CortexM& core, armv7m::semihosting::Config config = {})
        : core_(core), host_(std::move(config)), run_started_(core.clock().now())
    {
    }

    // With the core halted: if it stopped on BKPT 0xAB, service the call. Returns whether it
    // was a semihosting stop. After SYS_EXIT the core stays halted and exit_code() is set.
    bool service_if_requested();

    // Resumes the core and services requests until SYS_EXIT, a halt that is not
    // semihosting, or `timeout` of clock time.
    SemihostingResult run(Duration timeout);

    // What the firmware printed that nobody took yet (take_output()).
    const std::string& output() const { return host_.output(); }
    // What it printed since the last take, handed over: the session's output capture reads it
    // (runner/session/semihosting_source.hpp) and keeps the only copy.
    std::string take_output() { return host_.take_output(); }
    // What of output() the firmware wrote to stderr.
    const std::string& error_output() const { return host_.error_output(); }
    std::optional<int> exit_code() const { return host_.exit_status(); }
    // The exit's reason code (ADP_Stopped_*; arch/armv7m/semihosting_exit.hpp names them).
    std::optional<uint32_t> exit_reason() const { return host_.exit_reason(); }
    void set_command_line(std::string command_line) { host_.set_command_line(std::move(command_line)); }
    const std::string& command_line() const { return host_.command_line(); }
    // The target was reset: the firmware starts again and may make calls (and exit) again.
    void firmware_restarted()
    {
        host_.firmware_restarted();
        run_started_ = core_.clock().now();
    }

private:
    CortexM& core_;
    armv7m::semihosting::Host host_;
    TimePoint run_started_;      // when, on the core's Clock
};

}  // namespace hiltest::probe::arm
