#include "runner/suite/serial_port_parser.hpp"

namespace hiltest::suite {
namespace {

SerialPortSpec parse_serial_port(const Node& node)
{
    const ObjectNode o(node, {"port", "baud", "usart"}, "a serial port");
    SerialPortSpec spec;
    spec.location = node.location();
    spec.port = o.require("port").as_nonempty_string();
    // What USB-serial adapters (CP2102, CH340, FT232) and the F103's USARTs (up to 4.5 Mbit/s) both reach.
    if (auto baud = o.get("baud")) spec.baud = baud->as_unsigned(50, 4'500'000);
    if (auto usart = o.get("usart")) spec.usart = usart->as_unsigned(1, 3);
    return spec;
}

}  // namespace

std::vector<SerialPortSpec> parse_serial_ports(const Node& node)
{
    std::vector<SerialPortSpec> ports;
    if (node.json().is_array()) {
        for (const Node& item : node.as_nonempty_array()) {
            ports.push_back(parse_serial_port(item));
            for (std::size_t i = 0; i + 1 < ports.size(); ++i)
                if (ports[i].usart == ports.back().usart)
                    item.fail("USART" + std::to_string(ports.back().usart) + " already has a serial port (" + ports[i].port + ")");
        }
    } else {
        ports.push_back(parse_serial_port(node));
    }
    return ports;
}

}  // namespace hiltest::suite
