#include "probe/serial/serial_port.hpp"

#include <libserialport.h>
#include <sys/stat.h>

#include <cerrno>
#include <system_error>

#include <fmt/format.h>

#include "probe/serial/serial_errors.hpp"

namespace hiltest::probe::serial {
namespace {

// The errno of libserialport's last failed call, read at once: any later call may change it.
int last_errno()
{
    const int code = sp_last_error_code();
    return code != 0 ? code : EIO;
}

void configure_8n1(sp_port* port, const SerialSettings& settings)
{
    if (sp_set_baudrate(port, static_cast<int>(settings.baud)) != SP_OK) throw open_error(settings.port, EINVAL, {});
    if (sp_set_bits(port, 8) != SP_OK || sp_set_parity(port, SP_PARITY_NONE) != SP_OK ||
        sp_set_stopbits(port, 1) != SP_OK || sp_set_flowcontrol(port, SP_FLOWCONTROL_NONE) != SP_OK)
        throw open_error(settings.port, last_errno(), {});
}

}  // namespace

void SerialPort::LibserialportCloser::operator()(sp_port* port) const
{
    sp_close(port);  // fails harmlessly on a port that never opened
    sp_free_port(port);
}

SerialPort::SerialPort(SerialSettings settings) : settings_(std::move(settings))
{
    struct stat status {};
    if (::stat(settings_.port.c_str(), &status) != 0) throw open_error(settings_.port, errno, serial_ports_present());

    sp_port* found = nullptr;
    if (sp_get_port_by_name(settings_.port.c_str(), &found) == SP_OK) {
        port_.reset(found);
        if (sp_open(port_.get(), SP_MODE_READ_WRITE) != SP_OK) throw open_error(settings_.port, last_errno(), {});
        configure_8n1(port_.get(), settings_);
        int fd = -1;
        if (sp_get_port_handle(port_.get(), &fd) != SP_OK) throw open_error(settings_.port, last_errno(), {});
        tty_ = TtyHandle(fd, false);
        return;
    }
    // libserialport (0.1.1, Linux) only knows ttys that /sys/class/tty lists and that have modem
    // lines: a pseudo-terminal (socat, ser2net, the tests' openpty pair) has neither, so it is
    // opened here with termios, with the same 8N1 raw settings.
    try {
        tty_ = open_raw_tty(settings_.port, settings_.baud);
    } catch (const std::system_error& failure) {
        throw open_error(settings_.port, failure.code().value(), serial_ports_present());
    }
}

SerialPort::~SerialPort() = default;

const SerialSettings& SerialPort::settings() const { return settings_; }

std::string SerialPort::read_available()
{
    if (hung_up_) throw lost_error(settings_.port, "hang-up");
    TtyRead read;
    try {
        read = tty_.read_available();
    } catch (const std::system_error& failure) {
        throw lost_error(settings_.port, failure.code().message());
    }
    if (read.state == TtyState::HungUp) {
        if (read.bytes.empty()) throw lost_error(settings_.port, "hang-up");
        hung_up_ = true;  // hand over what came before it first
    }
    return std::move(read.bytes);
}

void SerialPort::write(std::string_view bytes)
{
    // Ten bits a byte at the line rate, twice over, plus a second for the adapter's USB
    // latency: longer than that and the line is stalled (flow stopped, nobody reading).
    const auto line_ms = bytes.size() * 10 * 1000 / settings_.baud;
    const int timeout_ms = static_cast<int>(1000 + 2 * line_ms);
    std::size_t written = 0;
    try {
        written = tty_.write_all(bytes, timeout_ms);
    } catch (const std::system_error& failure) {
        throw lost_error(settings_.port, failure.code().message());
    }
    if (written < bytes.size())
        throw lost_error(settings_.port,
                         fmt::format("took {} of {} bytes within {} ms", written, bytes.size(), timeout_ms));
}

}  // namespace hiltest::probe::serial
