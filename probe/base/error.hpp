#pragma once
// Every failure hiltest reports has a kind (what retry policies and exit codes decide on),
// a message in the user's terms, and a remedy where one exists. Never decide on message text.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hiltest {

enum class ErrorKind {
    ProbeNotFound,        // no ST-Link matches the selector
    Permission,           // the OS refuses access to the USB device
    UsbIo,                // transfer failed (stall, pipe, overflow, wedged dongle)
    UsbTimeout,           // no answer within the transfer timeout
    UsbGone,              // device unplugged / re-enumerated
    ProbeProtocol,        // the probe answered something we cannot parse, or refused a command
    ProbeFirmware,        // probe firmware too old / lacks a feature
    TargetNotResponding,  // SWD gets no ACK: pins remapped, deep sleep, unpowered, wiring
    TargetFault,          // the target answered FAULT (bad address, AP error)
    LinkNoise,            // SWD data arrived corrupted: repeated reads of the same thing disagree
    WrongTarget,          // a different chip than the suite or flag declares
    TargetReset,          // a reconnect had to reset or power-cycle the target: the firmware restarted
    LowVoltage,           // target voltage below the operating range
    FlashProtected,       // read-out / write protection in the way
    ProgramError,         // flash controller reported PGERR / WRPRTERR / timeout
    VerifyMismatch,       // flash content differs from the image after programming
    ImageFormat,          // ELF / HEX / BIN cannot be used
    SuiteInvalid,         // suite or bench file malformed or inconsistent
    AssertionFailed,      // a test expectation did not hold
    Timeout,              // an operation on the target did not finish in time
    HookFailed,           // a bench hook command (before, after, power_cycle) failed or timed out
    SerialPort,           // a bench serial port cannot be opened, or went away or failed mid-run
    Interrupted,          // SIGINT / SIGTERM
    Usage,                // bad command line
    Internal,             // a bug in hiltest
};

std::string_view to_string(ErrorKind kind);
// The kind whose to_string() is `text` ("target-reset"), for kinds read back from reports.
std::optional<ErrorKind> error_kind_from_string(std::string_view text);

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::string message, std::string remedy = {})
        : std::runtime_error(message), kind_(kind), remedy_(std::move(remedy))
    {
    }

    ErrorKind kind() const noexcept { return kind_; }
    const std::string& remedy() const noexcept { return remedy_; }

    // "message — remedy" (just the message without a remedy): one line for reports and logs.
    std::string with_remedy() const { return remedy_.empty() ? what() : std::string(what()) + " — " + remedy_; }

private:
    ErrorKind kind_;
    std::string remedy_;
};

}  // namespace hiltest
