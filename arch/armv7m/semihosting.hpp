#pragma once
// The host side of Arm semihosting (docs/chip-facts.md, "Semihosting calls used"), written once
// for every debugger hiltest has: the probe over SWD, the simulated board acting as its own
// debugger, the core's tests and the CPU benchmark. Each of them finds the call its own way
// (DFSR.BKPT and the instruction under PC, or the simulated core's record of it) and hands it to
// `Host::perform` with a `Target` that reaches the halted core; what a call does, which calls
// exist and what the run's output and exit status are is decided here only.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace hiltest::armv7m::semihosting {

// Operation numbers (r0). A new call gets its number here and its case in Host::perform.
namespace op {
inline constexpr uint32_t kWriteC = 0x03;
inline constexpr uint32_t kWrite0 = 0x04;
inline constexpr uint32_t kWrite = 0x05;
inline constexpr uint32_t kExit = 0x18;
inline constexpr uint32_t kExitExtended = 0x20;
}  // namespace op

// ADP_Stopped_ApplicationExit: the reason code of a successful exit.
inline constexpr uint32_t kApplicationExit = 0x20026;
// BKPT 0xAB, the semihosting trap, as its immediate and as the Thumb instruction halfword.
inline constexpr uint32_t kBkptImmediate = 0xAB;
inline constexpr uint16_t kBkptInstruction = 0xBEAB;
// What a call the host does not implement returns (-1).
inline constexpr uint32_t kUnsupported = 0xFFFFFFFF;
// The most one SYS_WRITE0 or SYS_WRITE takes: a runaway call must not read all of memory.
inline constexpr std::size_t kMaxTransfer = 64 * 1024;

// The call the core trapped on: r0 and r1.
struct Call {
    uint32_t operation = 0;
    uint32_t parameter = 0;
};

// The halted core, as the host needs it while it performs one call. A target may throw when
// its link fails (the probe's errors pass through unchanged).
class Target {
public:
    virtual ~Target() = default;
    // Reads up to bytes.size() bytes from `address` byte by byte in order; returns how many
    // leading bytes could be read.
    virtual std::size_t read_bytes(uint32_t address, std::span<uint8_t> bytes) = 0;
    // One 32-bit read; false when the word cannot be read.
    virtual bool read_word(uint32_t address, uint32_t& value) = 0;
    // The call returns `result`: r0 = result and PC past the BKPT, so the firmware continues
    // after it when the core runs on.
    virtual void return_from_call(uint32_t result) = 0;
};

enum class Outcome {
    Returned,  // the call returned (Target::return_from_call); the core may run on
    Exited,    // SYS_EXIT or SYS_EXIT_EXTENDED: the core stays halted, as a debugger ending the session leaves it
};

class Host {
public:
    Outcome perform(const Call& call, Target& target);

    // Everything the firmware wrote (SYS_WRITEC, SYS_WRITE0, SYS_WRITE), in order.
    const std::string& output() const { return output_; }
    // SYS_EXIT: ApplicationExit gives 0, any other reason 1; SYS_EXIT_EXTENDED gives its status
    // word for ApplicationExit and 1 otherwise.
    std::optional<int> exit_status() const { return exit_status_; }
    // The exit's reason code (r1 of SYS_EXIT, the block's first word for SYS_EXIT_EXTENDED;
    // absent when that block could not be read).
    std::optional<uint32_t> exit_reason() const { return exit_reason_; }
    // The firmware starts again (a reset) and may exit again; the output so far is kept.
    void firmware_restarted();

private:
    void write_string(uint32_t address, Target& target);
    uint32_t write_buffer(uint32_t block, Target& target);
    void exit_extended(uint32_t block, Target& target);

    std::string output_;
    std::optional<int> exit_status_;
    std::optional<uint32_t> exit_reason_;
};

}  // namespace hiltest::armv7m::semihosting
