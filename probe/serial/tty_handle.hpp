#pragma once
// The POSIX side of a serial port: the file descriptor hiltest reads and writes through,
// whoever opened it. Reads never block; a hang-up (adapter unplugged, pty master closed) is
// told apart from "nothing yet" by poll(), because read() on a hung-up tty may return 0.
#include <string>
#include <string_view>

namespace hiltest::probe::serial {

enum class TtyState { Open, HungUp };

struct TtyRead {
    std::string bytes;
    TtyState state = TtyState::Open;
};

class TtyHandle {
public:
    TtyHandle() = default;
    // owns: close the descriptor when done (false when libserialport owns it)
    TtyHandle(int fd, bool owns) : fd_(fd), owns_(owns) {}
    ~TtyHandle();
    TtyHandle(TtyHandle&& other) noexcept;
    TtyHandle& operator=(TtyHandle&& other) noexcept;
    TtyHandle(const TtyHandle&) = delete;
    TtyHandle& operator=(const TtyHandle&) = delete;

    int fd() const { return fd_; }

    // Everything queued now, and whether the line has hung up. Throws std::system_error on
    // another failure.
    TtyRead read_available();
    // Writes all of `bytes`, waiting at most timeout_ms in total for room; returns how many
    // went out (fewer on timeout or hang-up). Throws std::system_error on a failure.
    std::size_t write_all(std::string_view bytes, int timeout_ms);

private:
    int fd_ = -1;
    bool owns_ = false;
};

// Opens a tty that libserialport will not (a pseudo-terminal: no /sys/class/tty entry, no
// modem lines) raw, 8N1, no flow control, non-blocking, at `baud`. Throws std::system_error
// with the errno of the step that failed (EINVAL for a rate termios has no constant for).
TtyHandle open_raw_tty(const std::string& path, unsigned baud);

}  // namespace hiltest::probe::serial
