#pragma once
// A place the firmware's output arrives that the session reads while the target runs: the
// semihosting calls it serviced, a USART of the simulated board, a bench's serial port, RTT
// up-buffers. Each carries one or more named channels ("semihosting", "uart1".."uart3",
// "rtt0".."rtt15"); the session's OutputCapture keeps what they carry.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "probe/base/clock.hpp"

namespace hiltest::session {

using OutputReceiver = std::function<void(std::string_view channel, std::string_view bytes)>;

class OutputSource {
public:
    virtual ~OutputSource() = default;

    // Hands everything that arrived since the last call to `received`, without blocking.
    // Throws hiltest::Error when the source is gone (a serial port closed: SerialPort) or the
    // probe link failed (RTT reads through it).
    virtual void poll(const OutputReceiver& received) = 0;
    // Whether `channel` comes from this source; a suite that reads a channel no source carries
    // is refused before the run starts.
    virtual bool carries(std::string_view channel) const = 0;
    // The target restarted (flash, reset, a connect that reset it): what it prints next belongs
    // to its new run. RTT finds the control block again.
    virtual void target_restarted() {}
    // How often it needs reading while the target runs so that nothing overflows.
    virtual Duration poll_interval() const { return std::chrono::milliseconds(100); }
};

}  // namespace hiltest::session
