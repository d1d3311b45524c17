#pragma once
// ARM semihosting host side: when the core halts on BKPT 0xAB the host performs the
// request in r0/r1 (SYS_WRITEC, SYS_WRITE0, SYS_WRITE, SYS_EXIT, SYS_EXIT_EXTENDED),
// writes the result to r0, steps past the BKPT and resumes. Output is captured.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "probe/arm/cortex_m.hpp"

namespace hiltest::probe::arm {

namespace semihosting_op {
inline constexpr uint32_t kWriteC = 0x03;
inline constexpr uint32_t kWrite0 = 0x04;
inline constexpr uint32_t kWrite = 0x05;
inline constexpr uint32_t kExit = 0x18;
inline constexpr uint32_t kExitExtended = 0x20;
inline constexpr uint32_t kApplicationExit = 0x20026;  // ADP_Stopped_ApplicationExit
}  // namespace semihosting_op

struct SemihostingResult {
    enum class End { Exited, Timeout, Halted };
    End end = End::Timeout;
    int exit_code = 0;   // for Exited
    uint32_t pc = 0;     // where the core stopped for Halted
};

class SemihostingService {
public:
    explicit SemihostingService(CortexM& core) : core_(core) {}

    // With the core halted: if it stopped on BKPT 0xAB, service the call. Returns whether it
    // was a semihosting stop. After SYS_EXIT the core stays halted and exit_code() is set.
    bool service_if_requested();

    // Resumes the core and services requests until SYS_EXIT, a halt that is not
    // semihosting, or `timeout` of clock time.
    SemihostingResult run(Duration timeout);

    // Everything the firmware printed since this service was made, across restarts: the
    // session cuts each test's captured output from it.
    const std::string& output() const { return output_; }
    // What the firmware printed since it last started (firmware_restarted()): text of an
    // earlier run of the firmware is no evidence about this one.
    std::string_view run_output() const { return std::string_view(output_).substr(run_start_); }
    std::optional<int> exit_code() const { return exit_code_; }
    // The target was reset: the firmware starts again, may make calls (and exit) again, and its
    // run_output() starts empty. output() keeps what came before.
    void firmware_restarted()
    {
        exit_code_.reset();
        run_start_ = output_.size();
    }

private:
    std::string read_string(uint32_t address, std::size_t max_length = 4096);

    CortexM& core_;
    std::string output_;
    std::size_t run_start_ = 0;  // where in output_ the firmware's current run began
    std::optional<int> exit_code_;
};

}  // namespace hiltest::probe::arm
