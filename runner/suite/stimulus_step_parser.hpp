#pragma once
// Parsing of the stimulus steps (set_pin, uart_send, set_analog; docs/suite-format.md) and of
// the analog inputs a simulated board starts with, which take the same pins and voltages.
#include <string_view>

#include "runner/suite/json_reader.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::suite {

// `object` holds the step's keys (already checked against the allowed ones).
SetPinStep parse_set_pin(const ObjectNode& object);
UartSendStep parse_uart_send(const ObjectNode& object);
// "text" (as written) or "hex" ("01 02 ff"): the bytes uart_send and rtt_send send.
std::string parse_bytes_to_send(const ObjectNode& object);
SetAnalogStep parse_set_analog(const ObjectNode& object);

// A pin with an ADC input (PA0–PA7, PB0, PB1 on the Blue Pill's STM32F103C8) named by `text`;
// `node` is where an error points.
Pin parse_analog_pin(std::string_view text, const Node& node);
// 0 … 3.6 V.
double parse_analog_volts(const Node& node);

}  // namespace hiltest::suite
