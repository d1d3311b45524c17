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

    // Everything the firmware printed since this service was made, across restarts: the
    // session cuts each test's captured output from it.
    const std::string& output() const { return host_.output(); }
    // What the firmware printed since it last started (firmware_restarted()): text of an
    // earlier run of the firmware is no evidence about this one.
    std::string_view run_output() const { return std::string_view(host_.output()).substr(run_start_); }
    // What of output() the firmware wrote to stderr.
    const std::string& error_output() const { return host_.error_output(); }
    std::optional<int> exit_code() const { return host_.exit_status(); }
    // The exit's reason code (ADP_Stopped_*; arch/armv7m/semihosting_exit.hpp names them).
    std::optional<uint32_t> exit_reason() const { return host_.exit_reason(); }
    // The target was reset: the firmware starts again, may make calls (and exit) again, and its
    // run_output() starts empty. output() keeps what came before.
    void firmware_restarted()
    {
        host_.firmware_restarted();
        run_start_ = host_.output().size();
        run_started_ = core_.clock().now();
    }

private:
    CortexM& core_;
    armv7m::semihosting::Host host_;
    std::size_t run_start_ = 0;  // where in output() the firmware's current run began
    TimePoint run_started_;      // when, on the core's Clock
};

}  // namespace hiltest::probe::arm
