#include "runner/suite/model.hpp"

#include <sstream>

#include "arch/armv7m/semihosting.hpp"
#include "arch/armv7m/semihosting_exit.hpp"
#include "probe/base/hex.hpp"

namespace hiltest::suite {

namespace {

std::string number(double value)
{
    std::ostringstream text;
    text << value;
    return text.str();
}

template <class... Visitors>
struct Overloaded : Visitors... {
    using Visitors::operator()...;
};
template <class... Visitors>
Overloaded(Visitors...) -> Overloaded<Visitors...>;

std::string describe_condition(const Equals& equals)
{
    std::string text = "== " + hex(equals.value);
    if (equals.mask != 0xFFFFFFFF) {
        text += " (mask " + hex(equals.mask) + ")";
    }
    return text;
}

std::string describe_condition(const InRange& range)
{
    return "in [" + hex(range.min) + ", " + hex(range.max) + "]";
}

// The bytes of a uart_send as a C string literal, shortened: "ping\r\n", "\x01\x02…".
std::string shown_bytes(const std::string& bytes)
{
    constexpr std::size_t kShown = 24;
    std::string text = "\"";
    for (std::size_t i = 0; i < bytes.size() && i < kShown; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == '\n') text += "\\n";
        else if (c == '\r') text += "\\r";
        else if (c == '\t') text += "\\t";
        else if (c == '"' || c == '\\') text += std::string("\\") + char(c);
        else if (c >= 0x20 && c < 0x7F) text += char(c);
        else {
            static constexpr char kDigits[] = "0123456789abcdef";
            text += "\\x";
            text += kDigits[c >> 4];
            text += kDigits[c & 15];
        }
    }
    return text + (bytes.size() > kShown ? "\"…" : "\"");
}

std::string describe_condition(const ChangesOverTime& changes)
{
    const char* verb = changes.direction == ChangesOverTime::Direction::Increases   ? "increases"
                       : changes.direction == ChangesOverTime::Direction::Decreases ? "decreases"
                                                                                    : "changes";
    return std::string(verb) + " within " + std::to_string(changes.interval.count()) + " ms";
}

}  // namespace

std::string SourceLocation::to_string() const
{
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string Pin::to_string() const
{
    return std::string("P") + port + std::to_string(number);
}

std::string MemoryLocation::to_string() const
{
    if (address) {
        return hex(*address);
    }
    return offset == 0 ? symbol : symbol + "+" + std::to_string(offset);
}

std::string_view to_string(ConnectionSettings::Mode mode)
{
    switch (mode) {
    case ConnectionSettings::Mode::Auto: return "auto";
    case ConnectionSettings::Mode::Normal: return "normal";
    case ConnectionSettings::Mode::UnderReset: return "under-reset";
    }
    return "?";
}

std::string_view to_string(Level level)
{
    return level == Level::High ? "high" : "low";
}

std::string_view to_string(FirmwareSpec::Format format)
{
    switch (format) {
    case FirmwareSpec::Format::Auto: return "auto";
    case FirmwareSpec::Format::Elf: return "elf";
    case FirmwareSpec::Format::Hex: return "hex";
    case FirmwareSpec::Format::Bin: return "bin";
    }
    return "?";
}

bool is_stimulus_kind(std::string_view kind)
{
    return kind == "set_pin" || kind == "uart_send" || kind == "set_analog";
}

std::string to_string(const ExpectExitStep& step)
{
    const std::optional<std::string_view> name = armv7m::semihosting::exit_reason_name(step.reason);
    if (step.reason == armv7m::semihosting::kApplicationExit) {
        return "status " + std::to_string(step.status) + " (" + std::string(*name) + ")";
    }
    return (name ? std::string(*name) + " (" + hex(step.reason, 1) + ")" : "reason " + hex(step.reason, 1));
}

std::string_view Step::kind() const
{
    return std::visit(Overloaded{
                          [](const FlashStep&) { return std::string_view("flash"); },
                          [](const ResetStep&) { return std::string_view("reset"); },
                          [](const HaltStep&) { return std::string_view("halt"); },
                          [](const ResumeStep&) { return std::string_view("resume"); },
                          [](const SingleStep&) { return std::string_view("step"); },
                          [](const WaitStep&) { return std::string_view("wait"); },
                          [](const RunUntilStep&) { return std::string_view("run_until"); },
                          [](const WriteStep&) { return std::string_view("write"); },
                          [](const SetPinStep&) { return std::string_view("set_pin"); },
                          [](const UartSendStep&) { return std::string_view("uart_send"); },
                          [](const SetAnalogStep&) { return std::string_view("set_analog"); },
                          [](const ExpectMemoryStep&) { return std::string_view("expect_memory"); },
                          [](const ExpectRegisterStep&) { return std::string_view("expect_register"); },
                          [](const ExpectPinStep&) { return std::string_view("expect_pin"); },
                          [](const ExpectBlinkStep&) { return std::string_view("expect_blink"); },
                          [](const ExpectOutputStep&) { return std::string_view("expect_output"); },
                          [](const ExpectFaultStep&) { return std::string_view("expect_fault"); },
                          [](const ExpectExitStep&) { return std::string_view("expect_exit"); },
                          [](const RunTestsStep&) { return std::string_view("run_tests"); },
                          [](const RttSendStep&) { return std::string_view("rtt_send"); },
                      },
                      action);
}

std::string Step::describe() const
{
    const std::string kind_name(kind());
    const std::string details = std::visit(
        Overloaded{
            [](const FlashStep& s) {
                return std::string(s.verify ? "" : " (no verify)") + (s.unlock ? " (unlock: erases the chip)" : "");
            },
            [](const ResetStep& s) { return std::string(s.mode == ResetStep::Mode::Halt ? " halt" : " run"); },
            [](const HaltStep&) { return std::string(); },
            [](const ResumeStep&) { return std::string(); },
            [](const SingleStep& s) { return " " + std::to_string(s.count); },
            [](const WaitStep& s) { return " " + std::to_string(s.duration.count()) + " ms"; },
            [](const RunUntilStep& s) { return " " + s.location.to_string(); },
            [](const WriteStep& s) {
                if (s.memory) {
                    return " " + s.memory->to_string() + " (" + std::to_string(s.width) + "-bit) = " + hex(s.value);
                }
                return " " + s.core_register + " = " + hex(s.value);
            },
            [](const SetPinStep& s) {
                return " " + s.pin.to_string() + " " + (s.level ? std::string(to_string(*s.level)) : "released");
            },
            [](const UartSendStep& s) {
                return " uart" + std::to_string(s.port) + " " + std::to_string(s.bytes.size()) +
                       (s.bytes.size() == 1 ? " byte " : " bytes ") + shown_bytes(s.bytes);
            },
            [](const SetAnalogStep& s) { return " " + s.pin.to_string() + " " + number(s.volts) + " V"; },
            [](const ExpectMemoryStep& s) {
                return " " + s.location.to_string() + " (" + std::to_string(s.width) + "-bit) " +
                       std::visit([](const auto& c) { return describe_condition(c); }, s.condition);
            },
            [](const ExpectRegisterStep& s) {
                return " " + s.core_register + " " +
                       std::visit([](const auto& c) { return describe_condition(c); }, s.condition);
            },
            [](const ExpectPinStep& s) { return " " + s.pin.to_string() + " " + std::string(to_string(s.level)); },
            [](const ExpectBlinkStep& s) {
                const std::string window = " over " + std::to_string(s.window.count()) + " ms" +
                                           (s.sampler == ExpectBlinkStep::Sampler::LogicAnalyser ? " (logic analyser)" : "");
                if (s.max_frequency_hz) {
                    return " " + s.pin.to_string() + " at most " + number(*s.max_frequency_hz) + " Hz" + window;
                }
                const std::string duty = s.duty_percent ? ", duty " + number(*s.duty_percent) + "% ±" +
                                                              number(s.duty_tolerance_percent)
                                                        : std::string();
                return " " + s.pin.to_string() + " " + number(s.frequency_hz) + " Hz ±" + number(s.tolerance_percent) +
                       "%" + duty + window;
            },
            [](const ExpectOutputStep& s) {
                std::string text = s.source == "semihosting" ? std::string() : " on " + s.source;
                if (!s.text.empty())
                    text += std::string(s.match == ExpectOutputStep::Match::Regex ? " matches /" : " contains \"") + s.text +
                            (s.match == ExpectOutputStep::Match::Regex ? "/" : "\"");
                if (!s.lines.empty()) text += " lines \"" + s.lines.front() + "\"" + (s.lines.size() > 1 ? " … \"" + s.lines.back() + "\"" : "");
                for (const std::string& absent : s.not_contains) text += " not \"" + absent + "\"";
                return text;
            },
            [](const ExpectFaultStep& s) {
                return std::string(s.hardfault ? " hardfault" : " none") + (s.cause.empty() ? "" : " " + s.cause);
            },
            [](const ExpectExitStep& s) { return " " + to_string(s); },
            [](const RttSendStep& s) {
                return " channel " + std::to_string(s.channel) + ", " + std::to_string(s.bytes.size()) +
                       (s.bytes.size() == 1 ? " byte" : " bytes");
            },
            [](const RunTestsStep& s) {
                return " " + s.format + " on " + s.source + (s.select ? " select \"" + *s.select + "\"" : "");
            },
        },
        action);
    return kind_name + details;
}

}  // namespace hiltest::suite
