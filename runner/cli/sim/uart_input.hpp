#pragma once
// `hiltest sim run --uart-input PORT=FILE`: a file's bytes sent into a USART's RX line (uart1,
// uart2 or uart3), read when the command line is, so a bad port or file is a usage error before
// anything runs.
#include <string>
#include <string_view>

namespace hiltest::cli {

struct UartInput {
    unsigned port = 1;  // USART1..USART3
    std::string file;
    std::string bytes;
};

UartInput parse_uart_input(std::string_view spec);

}  // namespace hiltest::cli
