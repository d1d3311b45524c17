// set_pin, uart_send, set_analog: what the test does to the board from outside the chip, through
// the board's BoardStimulus (the simulated board, or a bench board's hooks).
#include <cstdio>

#include "probe/base/error.hpp"
#include "runner/session/step_executor.hpp"

namespace hiltest::session {

BoardStimulus& StepExecutor::stimulus(std::string_view kind)
{
    if (!context_.stimulus) {
        // The run checks this before it starts (bench boards need the hook); this is the backstop.
        throw Error(ErrorKind::SuiteInvalid,
                    "step \"" + std::string(kind) + "\" needs the simulated board or a \"" + std::string(kind) +
                        "\" hook for this board",
                    "run the suite on the simulated board (\"probe\": \"sim\"), or give the board a \"" +
                        std::string(kind) + "\" hook in the bench file (docs/bench-format.md)");
    }
    return *context_.stimulus;
}

void StepExecutor::set_pin(const suite::SetPinStep& action, reports::StepResult& result)
{
    stimulus("set_pin").set_pin(action.pin, action.level);
    result.measured = action.pin.to_string() + " " + (action.level ? std::string(to_string(*action.level)) : "released");
}

void StepExecutor::uart_send(const suite::UartSendStep& action, reports::StepResult& result)
{
    stimulus("uart_send").uart_send(action.port, action.bytes);
    result.measurements["bytes"] = action.bytes.size();
    result.measured = std::to_string(action.bytes.size()) + " bytes to uart" + std::to_string(action.port);
}

void StepExecutor::set_analog(const suite::SetAnalogStep& action, reports::StepResult& result)
{
    stimulus("set_analog").set_analog(action.pin, action.volts);
    char volts[32];
    std::snprintf(volts, sizeof volts, "%g V", action.volts);
    result.measurements["volts"] = action.volts;
    result.measured = action.pin.to_string() + " " + volts;
}

}  // namespace hiltest::session
