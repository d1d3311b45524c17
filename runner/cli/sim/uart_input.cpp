#include "runner/cli/sim/uart_input.hpp"

#include <fstream>
#include <iterator>

#include "probe/base/error.hpp"

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
    std::ifstream in(input.file, std::ios::binary);
    if (!in)
        throw Error(ErrorKind::Usage, "--uart-input: cannot read '" + input.file + "'",
                    "check the file's path and that it can be read");
    input.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return input;
}

}  // namespace hiltest::cli
