#pragma once
// "uart" in a suite or a bench file's board: the serial ports wired to the board's USARTs
// (docs/suite-format.md, "Serial ports"). One object, or an array of them for several USARTs.
#include <vector>

#include "runner/suite/json_reader.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::suite {

std::vector<SerialPortSpec> parse_serial_ports(const Node& node);

}  // namespace hiltest::suite
