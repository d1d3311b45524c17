#pragma once
// The suite model: what a suite file says, after parsing, validation and merging of defaults.
// Plain data; the session layer interprets it. Every test and step remembers where it was
// written so that runtime failures can point at the suite file, not only the parser.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "arch/armv7m/semihosting_config.hpp"
#include "probe/base/probe_selector.hpp"

namespace hiltest::suite {

using Milliseconds = std::chrono::milliseconds;

// Where something was written in the suite file (1-based line and column, in characters).
struct SourceLocation {
    std::string file;       // the suite file as the user named it
    std::size_t line = 0;
    std::size_t column = 0;
    std::string json_path;  // e.g. tests[0].steps[2]

    std::string to_string() const;  // "blink.json:14:9"
};

struct BuildCommand {
    std::vector<std::string> argv;  // run without a shell; argv[0] looked up in PATH
    Milliseconds timeout{120000};
    std::filesystem::path working_directory;  // absolute; defaults to the suite's directory
};

struct FirmwareSpec {
    enum class Format { Auto, Elf, Hex, Bin };
    std::filesystem::path path;  // absolute or relative to the working directory of the run
    Format format = Format::Auto;
    std::uint32_t load_address = 0x08000000;  // BIN images only
    std::optional<BuildCommand> build;
    SourceLocation location;
};

struct ConnectionSettings {
    enum class Mode { Auto, Normal, UnderReset };
    Mode mode = Mode::Auto;
    unsigned swd_khz = 1800;
    unsigned retries = 3;
    Milliseconds backoff{100};       // first wait between attempts; doubles up to backoff_max
    Milliseconds backoff_max{2000};
};

// A pin name such as PC13: port letter A..G and number 0..15.
struct Pin {
    char port = 'A';
    unsigned number = 0;

    std::string to_string() const;
    friend bool operator==(const Pin&, const Pin&) = default;
};

enum class Level { Low, High };

struct InputPinSetup {
    Pin pin;
    Level level = Level::High;
};

// A voltage on an analog input of the simulated board from power-on.
struct AnalogInputSetup {
    Pin pin;
    double volts = 0;
};

// A device on one of the simulated board's I2C buses ("i2c" in simulated_board).
struct I2cDeviceSetup {
    unsigned bus = 1;           // 1 = "i2c1", 2 = "i2c2"
    std::uint8_t address = 0;   // 7-bit
    std::string device;         // "24c02" or "nack" (fixtures/bluepill/soc/i2c_device.hpp)
};

// Only meaningful for probe "sim"; a bench run ignores it.
struct SimulatedBoardSetup {
    std::vector<std::string> faults;  // fault specs, interpreted by the simulated board
    std::optional<bool> nrst_wired;      // unset: the simulated rig's default (wired)
    std::optional<std::uint32_t> dpidr;  // e.g. a clone's DPIDR
    std::vector<InputPinSetup> inputs;
    std::vector<AnalogInputSetup> analog;
    std::optional<std::uint64_t> seed;
    Milliseconds reset_button{0};  // the RESET button held this long from power-on, then let go; 0: not pressed
    std::vector<I2cDeviceSetup> i2c;  // none: every I2C address NACKs, as on a bare board
};

struct Defaults {
    Milliseconds test_timeout{30000};
    Milliseconds step_timeout{5000};
    unsigned memory_width = 32;
    double blink_tolerance_percent = 10.0;
    Milliseconds changes_interval{100};
};

// A memory location: an absolute address or an ELF symbol (plus a byte offset).
struct MemoryLocation {
    std::optional<std::uint32_t> address;
    std::string symbol;
    std::uint32_t offset = 0;

    bool is_symbol() const { return !address.has_value(); }
    std::string to_string() const;  // "0x20000000" or "uptime_ms+4"
};

// What a value must satisfy.
struct Equals {
    std::uint32_t value = 0;
    std::uint32_t mask = 0xFFFFFFFF;  // compared: (measured & mask) == (value & mask)
};
struct InRange {
    std::uint32_t min = 0;
    std::uint32_t max = 0;  // inclusive
};
struct ChangesOverTime {
    enum class Direction { Any, Increases, Decreases };
    Direction direction = Direction::Any;
    Milliseconds interval{100};
};

struct FlashStep {
    bool verify = true;
    bool unlock = false;  // remove read-out protection first (erases the whole chip), as `hiltest flash --unlock`
};
struct ResetStep {
    enum class Mode { Run, Halt };
    Mode mode = Mode::Run;
};
struct HaltStep {};
struct ResumeStep {};
struct SingleStep {
    unsigned count = 1;
};
struct WaitStep {
    Milliseconds duration{0};
};
struct RunUntilStep {
    MemoryLocation location;  // breakpoint at this address or symbol
};
struct WriteStep {
    // Exactly one of memory / core_register.
    std::optional<MemoryLocation> memory;
    unsigned width = 32;
    std::string core_register;  // normalised lowercase: r0..r12, sp, lr, pc, xpsr, msp, psp, ...
    std::uint32_t value = 0;
};
struct ExpectMemoryStep {
    MemoryLocation location;
    unsigned width = 32;
    std::variant<Equals, InRange, ChangesOverTime> condition;
};
struct ExpectRegisterStep {
    std::string core_register;
    std::variant<Equals, InRange> condition;
};
struct ExpectPinStep {
    Pin pin;
    Level level = Level::High;
};
// Two forms. Without max_frequency_hz: a steady blink at frequency_hz ± tolerance_percent and,
// with duty_percent, high for that share of the period ± duty_tolerance_percent (percentage
// points). With max_frequency_hz: the pin is steady or blinks no faster than that.
struct ExpectBlinkStep {
    // Who reads the pin: the probe, through GPIOx_IDR about once a millisecond (a bench and the
    // simulated board alike), or the simulated board's logic analyser (every change, sampled at
    // 1 MS/s; only the simulated board has one).
    enum class Sampler { Probe, LogicAnalyser };
    Pin pin;
    double frequency_hz = 1.0;
    double tolerance_percent = 10.0;
    std::optional<double> duty_percent;
    double duty_tolerance_percent = 2.0;
    std::optional<double> max_frequency_hz;
    Milliseconds window{3000};
    Sampler sampler = Sampler::Probe;
};
// An output channel of the target: "semihosting", "uart1".."uart3", "rtt0".."rtt15" (RTT
// up-channel numbers). A suite writes "source" (and "channel" for RTT); the model keeps the name.
using OutputChannel = std::string;

struct ExpectOutputStep {
    enum class Match { Contains, Regex };
    OutputChannel source = "semihosting";
    Match match = Match::Contains;
    std::string text;  // substring or regular expression in RE2 syntax (validated); empty: none
    std::vector<std::string> lines;         // each within a line of its own, in this order
    std::vector<std::string> not_contains;  // none of these may appear
};

// Bytes into an RTT down-buffer over SWD, as the firmware's buffer takes them (a bench needs no
// extra wire for it).
struct RttSendStep {
    unsigned channel = 0;
    std::string bytes;
};

// The firmware's own test run: its output on `source` in a test framework's format becomes one
// result per case (runner/ontarget).
struct RunTestsStep {
    std::string format;  // "unity", "cpputest", "gtest", "tap" (runner/ontarget names them)
    OutputChannel source = "semihosting";
    // Passed to the firmware as its semihosting command line, then the target is reset so that
    // it starts with it: one flash can run its cases one by one.
    std::optional<std::string> select;
};
struct ExpectFaultStep {
    bool hardfault = false;  // false: expect no fault
    std::string cause;       // optional CFSR/HFSR bit name, e.g. "UNDEFINSTR"; empty: any cause
};

// The firmware ends its run through semihosting (SYS_EXIT or SYS_EXIT_EXTENDED) with this reason
// and, for ADP_Stopped_ApplicationExit, this status: a test firmware's own verdict.
struct ExpectExitStep {
    std::uint32_t reason = 0x20026;  // ADP_Stopped_ApplicationExit
    std::uint32_t status = 0;        // compared only for ApplicationExit: other reasons carry none
};

// Stimulus from outside the chip, while the firmware runs: the simulated board carries it out,
// a bench only through the board's hook of the same name (docs/bench-format.md).
struct SetPinStep {
    Pin pin;
    std::optional<Level> level;  // nullopt: released, the pin is left to the chip (floats, or its pull)
};
struct UartSendStep {
    unsigned port = 1;  // USART1..3
    std::string bytes;  // sent in order into the port's RX line
};
struct SetAnalogStep {
    Pin pin;
    double volts = 0;
};

// "set_pin", "uart_send", "set_analog": the step kinds a real board needs a bench hook for.
bool is_stimulus_kind(std::string_view kind);

using StepAction = std::variant<FlashStep, ResetStep, HaltStep, ResumeStep, SingleStep, WaitStep,
                                RunUntilStep, WriteStep, SetPinStep, UartSendStep, SetAnalogStep,
                                ExpectMemoryStep, ExpectRegisterStep, ExpectPinStep, ExpectBlinkStep,
                                ExpectOutputStep, ExpectFaultStep, ExpectExitStep, RunTestsStep, RttSendStep>;

struct Step {
    StepAction action;
    std::string name;      // the user's label, or empty
    Milliseconds timeout;  // from the step, else the suite's defaults
    SourceLocation location;

    std::string_view kind() const;  // the suite-file name: "flash", "expect_blink", ...
    std::string describe() const;   // one line for reports, e.g. "expect_blink PC13 1 Hz ±10%"
};

struct Test {
    std::string name;
    std::string description;
    Milliseconds timeout;  // from the test, else the suite's defaults
    std::string skip_reason;              // non-empty: the test is skipped
    std::vector<std::string> depends_on;  // earlier tests that must pass, else this one is skipped
    // The steps as written, then the expect_exit the test inherits (its own "expect_exit", else
    // the suite's) when none of its steps is one.
    std::vector<Step> steps;
    SourceLocation location;
};

// A serial port (a USB-serial adapter) wired to one of the board's USARTs on a bench: what
// arrives on it is the output channel "uart<usart>".
struct SerialPortSpec {
    std::string port;        // "/dev/ttyUSB0"
    unsigned baud = 115200;  // 8N1, no flow control
    unsigned usart = 1;      // 1..3
    SourceLocation location;
};

struct Suite {
    std::string name;
    std::string description;
    std::filesystem::path file;  // the suite file as the user named it
    std::string target;          // e.g. "stm32f103c8" (lowercase)
    probe::ProbeSelector probe;
    std::optional<FirmwareSpec> firmware;
    ConnectionSettings connection;
    SimulatedBoardSetup simulated_board;
    armv7m::semihosting::Config semihosting;  // command line, stdin, heap: on a bench as on the simulated board
    // "uart": serial ports of a real board (a bench file's board names its own); the simulated
    // board's USARTs are channels without them.
    std::vector<SerialPortSpec> uart;
    Defaults defaults;
    // "expect_exit" at the top level. The parser has already appended it to every test that has
    // no expect_exit step and does not say "expect_exit": false; the session only runs steps.
    std::optional<Step> expect_exit;
    std::vector<Test> tests;
};

std::string_view to_string(ConnectionSettings::Mode mode);
std::string_view to_string(Level level);
std::string_view to_string(FirmwareSpec::Format format);
// "status 0 (ADP_Stopped_ApplicationExit)", "ADP_Stopped_RunTimeErrorUnknown (0x20023)".
std::string to_string(const ExpectExitStep& step);

}  // namespace hiltest::suite
