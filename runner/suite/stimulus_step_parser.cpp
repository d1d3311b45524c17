#include "runner/suite/stimulus_step_parser.hpp"

#include <string>

#include "runner/suite/step_parser.hpp"

namespace hiltest::suite {
namespace {

// "01 02 ff", "0102FF", "de:ad": pairs of hex digits, spaces or colons between bytes allowed.
std::string parse_hex_bytes(const Node& node)
{
    const std::string text = node.as_nonempty_string();
    const auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string bytes;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == ' ' || text[i] == ':') {
            ++i;
            continue;
        }
        if (i + 1 >= text.size() || digit(text[i]) < 0 || digit(text[i + 1]) < 0) {
            node.fail_expected("bytes in hex, two digits each, e.g. \"01 02 ff\"");
        }
        bytes.push_back(static_cast<char>(digit(text[i]) * 16 + digit(text[i + 1])));
        i += 2;
    }
    if (bytes.empty()) node.fail_expected("at least one byte in hex, e.g. \"01 02 ff\"");
    return bytes;
}

}  // namespace

SetPinStep parse_set_pin(const ObjectNode& o)
{
    SetPinStep step;
    const Node pin = o.require("pin");
    step.pin = parse_pin_name(pin.as_nonempty_string(), [&](const std::string& message) { pin.fail(message); });
    const std::string level = o.require("level").as_choice({"high", "low", "released"});
    if (level != "released") step.level = level == "high" ? Level::High : Level::Low;
    return step;
}

UartSendStep parse_uart_send(const ObjectNode& o)
{
    UartSendStep step;
    if (auto port = o.get("port")) {
        const std::string name = port->as_choice({"uart1", "uart2", "uart3"});
        step.port = static_cast<unsigned>(name.back() - '0');
    }
    step.bytes = parse_bytes_to_send(o);
    return step;
}

std::string parse_bytes_to_send(const ObjectNode& o)
{
    const std::string_view form = o.require_one_of({"text", "hex"});
    const Node data = o.require(form);
    return form == "text" ? data.as_nonempty_string() : parse_hex_bytes(data);
}

Pin parse_analog_pin(std::string_view text, const Node& node)
{
    const Pin pin = parse_pin_name(text, [&](const std::string& message) { node.fail(message); });
    const bool analog = (pin.port == 'A' && pin.number <= 7) || (pin.port == 'B' && pin.number <= 1);
    if (!analog) {
        node.fail(pin.to_string() +
                  " has no analog input on the STM32F103C8; its ADC inputs are PA0–PA7 (IN0–IN7) and PB0, PB1 "
                  "(IN8, IN9)");
    }
    return pin;
}

double parse_analog_volts(const Node& node)
{
    // DS5319's absolute maximum for an analog input is VDD + 0.3 V; the ADC reads VREF+ (3.3 V)
    // and above as full scale.
    return node.as_number_in(0, 3.6);
}

SetAnalogStep parse_set_analog(const ObjectNode& o)
{
    SetAnalogStep step;
    const Node pin = o.require("pin");
    step.pin = parse_analog_pin(pin.as_nonempty_string(), pin);
    step.volts = parse_analog_volts(o.require("volts"));
    return step;
}

}  // namespace hiltest::suite
