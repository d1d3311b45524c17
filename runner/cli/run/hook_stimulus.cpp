#include "runner/cli/run/hook_stimulus.hpp"

#include <cstdio>

#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"

namespace hiltest::cli {
namespace {

std::optional<bench::HookKind> hook_for(std::string_view step_kind)
{
    if (step_kind == "set_pin") return bench::HookKind::SetPin;
    if (step_kind == "uart_send") return bench::HookKind::UartSend;
    if (step_kind == "set_analog") return bench::HookKind::SetAnalog;
    return std::nullopt;
}

}  // namespace

bool HookStimulus::provides(std::string_view step_kind) const
{
    const auto kind = hook_for(step_kind);
    return (kind && hooks_.has(*kind)) || simulated_board_;
}

void HookStimulus::run_hook(bench::HookKind kind, const bench::BoardHooks::Environment& details)
{
    if (!hooks_.has(kind) && !simulated_) {  // the run refuses such a suite before it starts
        throw Error(ErrorKind::SuiteInvalid, "this board has no \"" + std::string(bench::to_string(kind)) + "\" hook",
                    "give it one in the bench file (docs/bench-format.md, \"Stimulus hooks\")");
    }
    const std::optional<bench::HookRun> run = hooks_.run(kind, details);
    if (run && !run->succeeded()) throw hooks_.failure(*run);
}

void HookStimulus::set_pin(const suite::Pin& pin, std::optional<suite::Level> level)
{
    run_hook(bench::HookKind::SetPin,
             {{"HILTEST_PIN", pin.to_string()},
              {"HILTEST_LEVEL", level ? std::string(suite::to_string(*level)) : "released"}});
    if (simulated_) simulated_->set_pin(pin, level);
}

void HookStimulus::uart_send(unsigned port, std::string_view bytes)
{
    const std::span<const uint8_t> raw(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    run_hook(bench::HookKind::UartSend,
             {{"HILTEST_UART", "uart" + std::to_string(port)}, {"HILTEST_BYTES_HEX", hex_digits(raw)}});
    if (simulated_) simulated_->uart_send(port, bytes);
}

void HookStimulus::set_analog(const suite::Pin& pin, double volts)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", volts);
    run_hook(bench::HookKind::SetAnalog, {{"HILTEST_PIN", pin.to_string()}, {"HILTEST_VOLTS", text}});
    if (simulated_) simulated_->set_analog(pin, volts);
}

}  // namespace hiltest::cli
