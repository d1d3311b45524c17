#pragma once
// What a test does to the board from outside the chip, beside the probe: drive an input pin,
// send bytes into a USART's RX line, put a voltage on an analog input (the set_pin, uart_send
// and set_analog steps). The simulated board does all three; a bench board does what its hooks
// provide (runner/bench/board_hooks.hpp). The composition root hands the session one per board.
#include <optional>
#include <string_view>

#include "runner/suite/model.hpp"

namespace hiltest::session {

class BoardStimulus {
public:
    virtual ~BoardStimulus() = default;

    // Whether this board can carry out steps of `step_kind` ("set_pin", "uart_send",
    // "set_analog"): the run refuses, before it connects, a suite whose selected tests need
    // what the board cannot do.
    virtual bool provides(std::string_view step_kind) const = 0;

    // Each throws hiltest::Error when the board cannot do it: HookFailed for a bench hook that
    // failed, Usage for a pin or port the board does not have.
    virtual void set_pin(const suite::Pin& pin, std::optional<suite::Level> level) = 0;  // nullopt: release
    virtual void uart_send(unsigned port, std::string_view bytes) = 0;
    virtual void set_analog(const suite::Pin& pin, double volts) = 0;
};

}  // namespace hiltest::session
