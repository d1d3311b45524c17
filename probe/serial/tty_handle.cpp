#include "probe/serial/tty_handle.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <system_error>
#include <utility>

namespace hiltest::probe::serial {
namespace {

[[noreturn]] void throw_errno(int error, const char* what)
{
    throw std::system_error(error, std::system_category(), what);
}

// termios takes rates as constants; these are the ones a USB-serial adapter and the STM32's
// USART (RM0008 27.3.4: any rate from PCLK / 16 / USARTDIV) are commonly run at.
speed_t speed_constant(unsigned baud)
{
    switch (baud) {
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    case 460800: return B460800;
    case 921600: return B921600;
    case 1000000: return B1000000;
    case 2000000: return B2000000;
    default: throw_errno(EINVAL, "baud rate");
    }
}

}  // namespace

TtyHandle::~TtyHandle()
{
    if (owns_ && fd_ >= 0) ::close(fd_);
}

TtyHandle::TtyHandle(TtyHandle&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), owns_(std::exchange(other.owns_, false))
{
}

TtyHandle& TtyHandle::operator=(TtyHandle&& other) noexcept
{
    if (this != &other) {
        if (owns_ && fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        owns_ = std::exchange(other.owns_, false);
    }
    return *this;
}

TtyRead TtyHandle::read_available()
{
    TtyRead result;
    std::array<char, 4096> buffer{};
    for (;;) {
        const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
        if (n > 0) {
            result.bytes.append(buffer.data(), static_cast<std::size_t>(n));
            continue;
        }
        // 0 is "nothing queued" with VMIN = VTIME = 0 — and also what a hung-up line may give,
        // so it is never taken as end of file: poll() below tells the two apart.
        if (n == 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))) break;
        if (errno == EINTR) continue;
        // EIO: the other end is gone (pty master closed, adapter unplugged) — a hang-up.
        if (errno != EIO) throw_errno(errno, "read");
        result.state = TtyState::HungUp;
        return result;
    }
    pollfd descriptor{fd_, POLLIN, 0};
    if (::poll(&descriptor, 1, 0) > 0 && (descriptor.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0)
        result.state = TtyState::HungUp;
    return result;
}

std::size_t TtyHandle::write_all(std::string_view bytes, int timeout_ms)
{
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
        if (n > 0) {
            written += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EIO) return written;  // hung up
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) throw_errno(errno, "write");
        // The output queue is full: wait for room, bounded (the caller sizes the bound from
        // the baud rate), never longer.
        pollfd descriptor{fd_, POLLOUT, 0};
        const int ready = ::poll(&descriptor, 1, timeout_ms);
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) throw_errno(errno, "poll");
        if (ready == 0 || (descriptor.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) return written;
    }
    return written;
}

TtyHandle open_raw_tty(const std::string& path, unsigned baud)
{
    const speed_t speed = speed_constant(baud);
    const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw_errno(errno, "open");
    TtyHandle handle(fd, true);
    termios settings{};
    if (::tcgetattr(fd, &settings) != 0) throw_errno(errno, "tcgetattr");
    ::cfmakeraw(&settings);  // no echo, no line editing, no CR/LF translation, 8 bits
    settings.c_cflag &= ~static_cast<tcflag_t>(PARENB | CSTOPB | CSIZE | CRTSCTS);
    settings.c_cflag |= CS8 | CLOCAL | CREAD;
    settings.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
    settings.c_cc[VMIN] = 0;
    settings.c_cc[VTIME] = 0;
    if (::cfsetispeed(&settings, speed) != 0 || ::cfsetospeed(&settings, speed) != 0) throw_errno(errno, "cfsetspeed");
    if (::tcsetattr(fd, TCSANOW, &settings) != 0) throw_errno(errno, "tcsetattr");
    return handle;
}

}  // namespace hiltest::probe::serial
