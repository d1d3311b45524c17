#pragma once
// A bench's USB-serial adapter (the target's UART through PA9/PA10), read by hiltest while a
// suite runs. Opened and configured through libserialport; see README.md for the one kind of
// tty libserialport refuses (pseudo-terminals) and how those are opened instead.
#include <memory>
#include <string>
#include <string_view>

#include "probe/serial/tty_handle.hpp"

struct sp_port;  // libserialport's port, kept out of this header

namespace hiltest::probe::serial {

struct SerialSettings {
    std::string port;
    unsigned baud = 115200;
};  // 8N1, no flow control

class SerialPort {  // RAII: closes the port (and frees libserialport objects) on every path
public:
    explicit SerialPort(SerialSettings settings);  // opens; throws hiltest::Error
    ~SerialPort();
    SerialPort(const SerialPort&) = delete;
    SerialPort& operator=(const SerialPort&) = delete;

    const SerialSettings& settings() const;
    // What has arrived since the last call, without blocking (empty when nothing). Throws
    // hiltest::Error(ErrorKind::SerialPort) naming the port when it went away (adapter
    // unplugged, pty closed: hang-up / EOF / EIO) or failed; never hangs.
    std::string read_available();
    void write(std::string_view bytes);  // all of it, bounded wait (throws SerialPort on failure)

private:
    struct LibserialportCloser {
        void operator()(sp_port* port) const;
    };

    SerialSettings settings_;
    std::unique_ptr<sp_port, LibserialportCloser> port_;  // null for a tty libserialport refuses
    TtyHandle tty_;  // the descriptor every read and write goes through
    bool hung_up_ = false;  // seen with data still to hand over: the next read reports it
};

}  // namespace hiltest::probe::serial
