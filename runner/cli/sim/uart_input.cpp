#include "runner/cli/sim/uart_input.hpp"

#include "probe/base/error.hpp"
#include "runner/cli/sim/input_file.hpp"

namespace hiltest::cli {

UartInput parse_uart_input(std::string_view spec)
{
    const std::size_t equals = spec.find('=');
    const std::string_view port = spec.substr(0, equals);
    if (equals == std::string_view::npos || equals + 1 == spec.size() ||
        !(port == "uart1" || port == "uart2" || port == "uart3"))
        throw Error(ErrorKind::Usage, "--uart-input: '" + std::string(spec) + "' is not PORT=FILE",
                    "name a port and a file, e.g. --uart-input uart1=input.txt (ports uart1, uart2, uart3)");
    UartInput input;
    input.port = unsigned(port.back() - '0');
    input.file = std::string(spec.substr(equals + 1));
    input.bytes = read_input_file(input.file, "--uart-input");
    return input;
}

}  // namespace hiltest::cli
