#include "runner/session/step_executor.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "probe/arm/fault_status.hpp"
#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"
#include "runner/session/let_run.hpp"

namespace hiltest::session {
namespace {

using probe::arm::CoreRegister;
using reports::Status;
using std::chrono::milliseconds;

void fail(reports::StepResult& result, std::string message)
{
    result.status = Status::Failed;
    result.message = std::move(message);
}

struct RegisterName {
    const char* name;
    unsigned regsel;
    int byte;  // -1: the whole word; else the byte of the packed special register (regsel 20)
};

constexpr RegisterName kRegisters[] = {
    {"r0", 0, -1},  {"r1", 1, -1},   {"r2", 2, -1},   {"r3", 3, -1},       {"r4", 4, -1},      {"r5", 5, -1},
    {"r6", 6, -1},  {"r7", 7, -1},   {"r8", 8, -1},   {"r9", 9, -1},       {"r10", 10, -1},    {"r11", 11, -1},
    {"r12", 12, -1}, {"sp", 13, -1}, {"lr", 14, -1},  {"pc", 15, -1},      {"xpsr", 16, -1},   {"msp", 17, -1},
    {"psp", 18, -1}, {"primask", 20, 0}, {"basepri", 20, 1}, {"faultmask", 20, 2}, {"control", 20, 3},
};

const RegisterName* find_register(const std::string& name)
{
    for (const auto& r : kRegisters)
        if (name == r.name) return &r;
    return nullptr;
}

bool gpio_port_index(char port, uint32_t& base)
{
    if (port < 'A' || port > 'G') return false;
    base = 0x40010800u + 0x400u * static_cast<uint32_t>(port - 'A');
    return true;
}

probe::arm::AccessWidth access_width(unsigned width)
{
    switch (width) {
    case 8: return probe::arm::AccessWidth::Bits8;
    case 16: return probe::arm::AccessWidth::Bits16;
    default: return probe::arm::AccessWidth::Bits32;
    }
}

}  // namespace

bool is_known_register(const std::string& name)
{
    return find_register(name) != nullptr;
}

reports::StepResult StepExecutor::run(const suite::Step& step, bool repeated)
{
    reports::StepResult result;
    result.kind = std::string(step.kind());
    result.description = step.describe();
    result.source = {step.location.file, step.location.line, step.location.column};
    std::visit(
        [&](const auto& action) {
            using T = std::decay_t<decltype(action)>;
            if constexpr (std::is_same_v<T, suite::FlashStep>) flash(action, result);
            else if constexpr (std::is_same_v<T, suite::ResetStep>) reset(action, result);
            else if constexpr (std::is_same_v<T, suite::HaltStep>) context_.core.halt();
            else if constexpr (std::is_same_v<T, suite::ResumeStep>) context_.core.resume();
            else if constexpr (std::is_same_v<T, suite::SingleStep>) {
                for (unsigned i = 0; i < action.count; ++i) context_.core.step();
                result.measurements["pc"] = hex(context_.core.read_register(CoreRegister::PC));
            } else if constexpr (std::is_same_v<T, suite::WaitStep>) wait(action.duration, result);
            else if constexpr (std::is_same_v<T, suite::RunUntilStep>) run_until(step, action, repeated, result);
            else if constexpr (std::is_same_v<T, suite::WriteStep>) write(step, action, result);
            else if constexpr (std::is_same_v<T, suite::SetPinStep>) set_pin(action, result);
            else if constexpr (std::is_same_v<T, suite::UartSendStep>) uart_send(action, result);
            else if constexpr (std::is_same_v<T, suite::SetAnalogStep>) set_analog(action, result);
            else if constexpr (std::is_same_v<T, suite::ExpectMemoryStep>) expect_memory(step, action, result);
            else if constexpr (std::is_same_v<T, suite::ExpectRegisterStep>) expect_register(action, result);
            else if constexpr (std::is_same_v<T, suite::ExpectPinStep>) expect_pin(action, result);
            else if constexpr (std::is_same_v<T, suite::ExpectBlinkStep>) expect_blink(action, result);
            else if constexpr (std::is_same_v<T, suite::ExpectOutputStep>) expect_output(step, action, result);
            else if constexpr (std::is_same_v<T, suite::ExpectFaultStep>) expect_fault(action, result);
            else if constexpr (std::is_same_v<T, suite::ExpectExitStep>) expect_exit(step, action, result);
            else if constexpr (std::is_same_v<T, suite::RunTestsStep>) run_tests(step, action, result);
            else if constexpr (std::is_same_v<T, suite::RttSendStep>) rtt_send(step, action, result);
            else static_assert(sizeof(T) == 0, "a step kind without its execution");
        },
        step.action);
    return result;
}

void StepExecutor::flash(const suite::FlashStep& step, reports::StepResult& result)
{
    if (!context_.firmware)
        throw Error(ErrorKind::SuiteInvalid, "a flash step needs the suite's \"firmware\"", "add \"firmware\" to the suite");
    probe::flash::FlashOptions options;
    options.verify = step.verify;
    options.unlock = step.unlock;
    options.progress = context_.flash_progress;
    options.usb_transactions = context_.usb_transactions;
    context_.firmware_restarted();  // the programmer resets the chip
    const probe::flash::FlashStatistics stats = context_.programmer().program(context_.firmware->image, options);
    last_flash_ = stats;
    result.measurements["bytes"] = stats.image_bytes;
    result.measurements["pages_programmed"] = stats.pages_programmed;
    result.measurements["pages_skipped"] = stats.pages_skipped;
    result.measurements["verified"] = stats.verified;
    result.measured = std::to_string(stats.pages_programmed) + " pages programmed, " +
                      std::to_string(stats.pages_skipped) + " unchanged";
}

void StepExecutor::reset(const suite::ResetStep& step, reports::StepResult&)
{
    context_.firmware_restarted();
    if (step.mode == suite::ResetStep::Mode::Halt)
        context_.core.reset_and_halt(probe::arm::ResetMethod::SysResetReq);
    else
        context_.core.reset_and_run(probe::arm::ResetMethod::SysResetReq);
}

void StepExecutor::let_target_run(milliseconds duration)
{
    let_run(context_.core, context_.semihosting, duration, context_.interrupted, &context_.outputs);
}

void StepExecutor::wait(milliseconds duration, reports::StepResult& result)
{
    let_target_run(duration);
    if (context_.semihosting.exit_code()) result.measurements["exit_code"] = *context_.semihosting.exit_code();
}

void StepExecutor::run_until(const suite::Step& step, const suite::RunUntilStep& action, bool repeated,
                             reports::StepResult& result)
{
    const uint32_t address = resolve_location(action.location, context_.firmware, step.location);
    result.expected = "core halts at " + action.location.to_string() + " (" + hex(address) + ")";
    if (repeated && context_.core.status().halted() &&
        (context_.core.read_register(CoreRegister::PC) & ~1u) == (address & ~1u)) {
        result.measured = "halted at " + hex(address) + " (reached before the link was lost)";
        return;
    }
    if (!context_.core.run_to(address, step.timeout)) {
        fail(result, "the core did not reach " + action.location.to_string() + " within " +
                         std::to_string(step.timeout.count()) + " ms");
        result.measured = "pc " + hex(context_.core.read_register(CoreRegister::PC));
        return;
    }
    result.measured = "halted at " + hex(context_.core.read_register(CoreRegister::PC));
}

void StepExecutor::write(const suite::Step& step, const suite::WriteStep& action, reports::StepResult&)
{
    if (action.memory) {
        const uint32_t address = resolve_location(*action.memory, context_.firmware, step.location);
        uint8_t bytes[4];
        for (unsigned i = 0; i < 4; ++i) bytes[i] = static_cast<uint8_t>(action.value >> (8 * i));
        context_.core.target().write_memory(address, std::span<const uint8_t>(bytes, action.width / 8),
                                            access_width(action.width));
        return;
    }
    const RegisterName* reg = find_register(action.core_register);
    if (!reg) throw Error(ErrorKind::SuiteInvalid, "unknown register '" + action.core_register + "'");
    const bool was_halted = context_.core.status().halted();
    if (!was_halted) context_.core.halt();
    uint32_t value = action.value;
    if (reg->byte >= 0) {
        const uint32_t packed = context_.core.read_register(static_cast<CoreRegister>(reg->regsel));
        const unsigned shift = 8u * static_cast<unsigned>(reg->byte);
        value = (packed & ~(0xFFu << shift)) | ((action.value & 0xFFu) << shift);
    }
    context_.core.write_register(static_cast<CoreRegister>(reg->regsel), value);
    if (!was_halted) context_.core.resume();
}

uint32_t StepExecutor::read_memory(uint32_t address, unsigned width)
{
    uint8_t bytes[4] = {};
    context_.core.target().read_memory(address, std::span<uint8_t>(bytes, width / 8), access_width(width));
    uint32_t value = 0;
    for (unsigned i = 0; i < width / 8; ++i) value |= static_cast<uint32_t>(bytes[i]) << (8 * i);
    return value;
}

void StepExecutor::expect_memory(const suite::Step& step, const suite::ExpectMemoryStep& action,
                                 reports::StepResult& result)
{
    const uint32_t address = resolve_location(action.location, context_.firmware, step.location);
    const std::string where = action.location.to_string();
    const uint32_t first = read_memory(address, action.width);
    result.measurements["address"] = hex(address);
    result.measurements["value"] = first;

    if (const auto* equals = std::get_if<suite::Equals>(&action.condition)) {
        const bool masked = equals->mask != 0xFFFFFFFFu;
        const int digits = static_cast<int>(action.width / 4);  // as wide as the access: 0x2A for a byte
        result.expected = hex(equals->value & equals->mask, digits) + (masked ? " under mask " + hex(equals->mask) : "");
        result.measured = hex(first, digits);
        if ((first & equals->mask) != (equals->value & equals->mask))
            fail(result, where + " is " + result.measured + ", expected " + result.expected);
    } else if (const auto* range = std::get_if<suite::InRange>(&action.condition)) {
        result.expected = "between " + std::to_string(range->min) + " and " + std::to_string(range->max);
        result.measured = std::to_string(first);
        if (first < range->min || first > range->max)
            fail(result, where + " is " + result.measured + ", expected " + result.expected);
    } else if (const auto* change = std::get_if<suite::ChangesOverTime>(&action.condition)) {
        let_target_run(change->interval);
        const uint32_t second = read_memory(address, action.width);
        result.measurements["value_after"] = second;
        result.measured = std::to_string(first) + " -> " + std::to_string(second) + " in " +
                          std::to_string(change->interval.count()) + " ms";
        bool ok = second != first;
        result.expected = "changes within " + std::to_string(change->interval.count()) + " ms";
        if (change->direction == suite::ChangesOverTime::Direction::Increases) {
            ok = second > first;
            result.expected = "increases within " + std::to_string(change->interval.count()) + " ms";
        } else if (change->direction == suite::ChangesOverTime::Direction::Decreases) {
            ok = second < first;
            result.expected = "decreases within " + std::to_string(change->interval.count()) + " ms";
        }
        if (!ok) fail(result, where + " " + result.measured + ", expected it to " + result.expected.substr(0, result.expected.find(' ')));
    }
}

uint32_t StepExecutor::read_named_register(const std::string& name)
{
    const RegisterName* reg = find_register(name);
    if (!reg) throw Error(ErrorKind::SuiteInvalid, "unknown register '" + name + "'");
    const bool was_halted = context_.core.status().halted();
    if (!was_halted) context_.core.halt();
    uint32_t value = context_.core.read_register(static_cast<CoreRegister>(reg->regsel));
    if (!was_halted) context_.core.resume();
    if (reg->byte >= 0) value = (value >> (8u * static_cast<unsigned>(reg->byte))) & 0xFFu;
    return value;
}

void StepExecutor::expect_register(const suite::ExpectRegisterStep& action, reports::StepResult& result)
{
    const uint32_t value = read_named_register(action.core_register);
    result.measurements["value"] = value;
    result.measured = hex(value);
    if (const auto* equals = std::get_if<suite::Equals>(&action.condition)) {
        result.expected = hex(equals->value & equals->mask) +
                          (equals->mask != 0xFFFFFFFFu ? " under mask " + hex(equals->mask) : "");
        if ((value & equals->mask) != (equals->value & equals->mask))
            fail(result, action.core_register + " is " + result.measured + ", expected " + result.expected);
    } else if (const auto* range = std::get_if<suite::InRange>(&action.condition)) {
        result.expected = "between " + hex(range->min) + " and " + hex(range->max);
        if (value < range->min || value > range->max)
            fail(result, action.core_register + " is " + result.measured + ", expected " + result.expected);
    }
}

bool StepExecutor::read_pin(const suite::Pin& pin)
{
    uint32_t base = 0;
    if (!gpio_port_index(pin.port, base)) throw Error(ErrorKind::SuiteInvalid, "no GPIO port " + pin.to_string());
    return (context_.core.target().read_word(base + 0x08) >> pin.number) & 1u;  // GPIOx_IDR
}

void StepExecutor::expect_pin(const suite::ExpectPinStep& action, reports::StepResult& result)
{
    const bool level = read_pin(action.pin);
    result.expected = std::string(suite::to_string(action.level));
    result.measured = level ? "high" : "low";
    result.measurements["level"] = level ? 1 : 0;
    if (level != (action.level == suite::Level::High))
        fail(result, action.pin.to_string() + " is " + result.measured + ", expected " + result.expected);
}

void StepExecutor::expect_fault(const suite::ExpectFaultStep& action, reports::StepResult& result)
{
    const bool halted = context_.core.status().halted();
    const probe::arm::FaultReport report = probe::arm::read_fault_report(context_.core.target(), halted);
    const std::vector<std::string> bits = probe::arm::fault_bit_names(report.cfsr, report.hfsr);
    result.measurements["cfsr"] = hex(report.cfsr);
    result.measurements["hfsr"] = hex(report.hfsr);
    if (report.faulting_pc) result.measurements["faulting_pc"] = hex(*report.faulting_pc);
    result.measured = report.any() ? probe::arm::describe(report) : "no fault";
    if (!action.hardfault) {
        result.expected = "no fault";
        if (report.any()) fail(result, "the target faulted: " + result.measured);
        return;
    }
    result.expected = "hard fault" + (action.cause.empty() ? std::string() : " (" + action.cause + ")");
    if (!report.any()) {
        fail(result, "no fault recorded (CFSR and HFSR are 0), expected " + result.expected);
        return;
    }
    if (!action.cause.empty() && std::find(bits.begin(), bits.end(), action.cause) == bits.end())
        fail(result, "the fault is " + result.measured + ", expected cause " + action.cause);
}

}  // namespace hiltest::session
