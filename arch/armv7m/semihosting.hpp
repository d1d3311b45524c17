#pragma once
// The host side of Arm semihosting (docs/chip-facts.md, "Semihosting calls used"), written once
// for every debugger hiltest has: the probe over SWD, the simulated board acting as its own
// debugger, the core's tests and the CPU benchmark. Each of them finds the call its own way
// (DFSR.BKPT and the instruction under PC, or the simulated core's record of it) and hands it to
// `Host::perform` with a `Target` that reaches the halted core; what a call does, which calls
// exist and what the run's output and exit status are is decided here only.
//
// The host never touches the host computer: the console (":tt") is the run's captured output
// and the configured stdin text, ":semihosting-features" is an in-memory file, and every other
// file name, SYS_REMOVE, SYS_RENAME, SYS_TMPNAM and SYS_SYSTEM are refused with EACCES.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "arch/armv7m/semihosting_config.hpp"

namespace hiltest::armv7m::semihosting {

// Operation numbers (r0). A new call gets its number here and its case in Host::perform.
namespace op {
inline constexpr uint32_t kOpen = 0x01;
inline constexpr uint32_t kClose = 0x02;
inline constexpr uint32_t kWriteC = 0x03;
inline constexpr uint32_t kWrite0 = 0x04;
inline constexpr uint32_t kWrite = 0x05;
inline constexpr uint32_t kRead = 0x06;
inline constexpr uint32_t kReadC = 0x07;
inline constexpr uint32_t kIsTty = 0x09;
inline constexpr uint32_t kSeek = 0x0A;
inline constexpr uint32_t kFlen = 0x0C;
inline constexpr uint32_t kTmpnam = 0x0D;
inline constexpr uint32_t kRemove = 0x0E;
inline constexpr uint32_t kRename = 0x0F;
inline constexpr uint32_t kClock = 0x10;
inline constexpr uint32_t kTime = 0x11;
inline constexpr uint32_t kSystem = 0x12;
inline constexpr uint32_t kErrno = 0x13;
inline constexpr uint32_t kGetCmdline = 0x15;
inline constexpr uint32_t kHeapInfo = 0x16;
inline constexpr uint32_t kExit = 0x18;
inline constexpr uint32_t kExitExtended = 0x20;
inline constexpr uint32_t kElapsed = 0x30;
inline constexpr uint32_t kTickFreq = 0x31;
}  // namespace op

// What SYS_ERRNO reports. The specification hands the firmware the host C library's errno; these
// are the numbers newlib (what rdimon firmware decodes them with) and Linux share.
namespace error_number {
inline constexpr uint32_t kTooBig = 7;    // E2BIG: the command line does not fit the buffer
inline constexpr uint32_t kBadHandle = 9; // EBADF
inline constexpr uint32_t kAccess = 13;   // EACCES: host files are refused
inline constexpr uint32_t kFault = 14;    // EFAULT: a parameter block or buffer cannot be reached
inline constexpr uint32_t kInvalid = 22;  // EINVAL
inline constexpr uint32_t kNoSeek = 29;   // ESPIPE: the console cannot seek
}  // namespace error_number

// ADP_Stopped_ApplicationExit: the reason code of a successful exit.
inline constexpr uint32_t kApplicationExit = 0x20026;
// BKPT 0xAB, the semihosting trap, as its immediate and as the Thumb instruction halfword.
inline constexpr uint32_t kBkptImmediate = 0xAB;
inline constexpr uint16_t kBkptInstruction = 0xBEAB;
// What a failed call or one the host does not implement returns (-1).
inline constexpr uint32_t kUnsupported = 0xFFFFFFFF;
// The most one SYS_WRITE0, SYS_WRITE or SYS_READ moves: a runaway call must not read all of memory.
inline constexpr std::size_t kMaxTransfer = 64 * 1024;
// SYS_ELAPSED counts nanoseconds; SYS_TICKFREQ says so.
inline constexpr uint32_t kTicksPerSecond = 1'000'000'000;

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
    // Writes bytes in order; returns how many leading bytes could be written.
    virtual std::size_t write_bytes(uint32_t address, std::span<const uint8_t> bytes) = 0;
    // One 32-bit write; false when the word cannot be written.
    virtual bool write_word(uint32_t address, uint32_t value) = 0;
    // Time since the firmware's run started: the simulated board's nanoseconds or the probe's
    // Clock. The host has no clock of its own, so a simulated run stays deterministic.
    virtual uint64_t elapsed_ns() const = 0;
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
    explicit Host(Config config = {}) : config_(std::move(config)) {}

    Outcome perform(const Call& call, Target& target);

    // Everything the firmware wrote (SYS_WRITEC, SYS_WRITE0, SYS_WRITE to stdout and stderr), in order.
    const std::string& output() const { return output_; }
    // Hands over output() and forgets it (and error_output()): a reader that keeps its own copy (the session's
    // capture, with its cap) then holds the only one, and a firmware that prints for hours costs
    // the host no memory.
    std::string take_output()
    {
        error_output_.clear();
        return std::exchange(output_, {});
    }
    // SYS_GET_CMDLINE's answer from now on (a run_tests step's "select" before it restarts the
    // firmware, which reads its command line at start-up).
    void set_command_line(std::string command_line) { config_.command_line = std::move(command_line); }
    const std::string& command_line() const { return config_.command_line; }
    // What of output() was written to a stderr handle (":tt" opened for appending).
    const std::string& error_output() const { return error_output_; }
    // SYS_EXIT: ApplicationExit gives 0, any other reason 1; SYS_EXIT_EXTENDED gives its status
    // word for ApplicationExit and 1 otherwise.
    std::optional<int> exit_status() const { return exit_status_; }
    // The exit's reason code (r1 of SYS_EXIT, the block's first word for SYS_EXIT_EXTENDED;
    // absent when that block could not be read).
    std::optional<uint32_t> exit_reason() const { return exit_reason_; }
    // The firmware starts again (a reset) and may exit again; its handles are gone, its stdin
    // starts from the beginning, the output so far is kept.
    void firmware_restarted();

private:
    enum class Stream { Stdin, Stdout, Stderr, Features };
    struct OpenFile {
        Stream stream;
        std::size_t position = 0;  // in the features file
    };
    // Each returns r0.
    uint32_t write_character(uint32_t address, Target& target);
    uint32_t write_string(uint32_t address, Target& target);
    uint32_t write_buffer(uint32_t block, Target& target);
    void exit_extended(uint32_t block, Target& target);
    uint32_t open(uint32_t block, Target& target);
    uint32_t close(uint32_t block, Target& target);
    uint32_t read_buffer(uint32_t block, Target& target);
    uint32_t read_character(uint32_t parameter);
    uint32_t is_tty(uint32_t block, Target& target);
    uint32_t seek(uint32_t block, Target& target);
    uint32_t file_length(uint32_t block, Target& target);
    uint32_t heap_info(uint32_t pointer, Target& target);
    uint32_t elapsed(uint32_t block, Target& target);
    uint32_t command_line(uint32_t block, Target& target);

    void append_output(std::string_view text, Stream stream);
    // The open file a block's first word names, or nullptr with errno set.
    OpenFile* file_in(uint32_t block, Target& target);
    uint32_t fail(uint32_t error);  // sets errno, returns -1

    Config config_;
    std::string output_;
    std::string error_output_;
    std::optional<int> exit_status_;
    std::optional<uint32_t> exit_reason_;
    std::map<uint32_t, OpenFile> files_;  // by handle: small positive integers, never 0
    std::size_t stdin_position_ = 0;
    uint32_t errno_ = 0;
};

}  // namespace hiltest::armv7m::semihosting
