#pragma once
// A bench's serial port as the output channel "uart<N>": what the USB-serial adapter wired to the
// board's USART N received, read without blocking whenever the session polls. A port that went
// away (adapter unplugged) throws its SerialPort error from poll, which ends the test as the
// bench's error naming the port.
#include <memory>
#include <string>
#include <vector>

#include "probe/serial/serial_port.hpp"
#include "runner/session/output_source.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::session {

class SerialSource final : public OutputSource {
public:
    // Opens the port now: a port that cannot be opened is the run's error before it connects.
    explicit SerialSource(const suite::SerialPortSpec& spec)
        : channel_("uart" + std::to_string(spec.usart)), port_(probe::serial::SerialSettings{spec.port, spec.baud})
    {
    }

    void poll(const OutputReceiver& received) override
    {
        const std::string bytes = port_.read_available();
        if (!bytes.empty()) received(channel_, bytes);
    }
    bool carries(std::string_view channel) const override { return channel == channel_; }
    // 115200 Bd is 11.5 KB/s; a USB-serial adapter buffers several KB, so 100 ms loses nothing.

private:
    std::string channel_;
    probe::serial::SerialPort port_;
};

// One source per port the board (or, when it names none, the suite) lists.
inline std::vector<std::unique_ptr<SerialSource>> open_serial_ports(const std::vector<suite::SerialPortSpec>& ports)
{
    std::vector<std::unique_ptr<SerialSource>> sources;
    for (const suite::SerialPortSpec& port : ports) sources.push_back(std::make_unique<SerialSource>(port));
    return sources;
}

}  // namespace hiltest::session
