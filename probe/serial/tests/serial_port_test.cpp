// SerialPort through a pseudo-terminal pair: the test holds the master side (what a USB-serial
// adapter's far end would be) and the port opens the slave. Waiting is bounded with poll() on
// the test's own descriptors, never a sleep.
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <future>
#include <string>

#include <gtest/gtest.h>

#include "probe/base/error.hpp"
#include "probe/serial/serial_port.hpp"

namespace hiltest::probe::serial {
namespace {

constexpr int kBoundMs = 5000;  // a bound on waiting for the kernel's pty queue, not a timing

class PseudoTerminal : public ::testing::Test {
protected:
    void SetUp() override
    {
        char name[128] = {};
        ASSERT_EQ(::openpty(&master_, &slave_, name, nullptr, nullptr), 0);
        slave_path_ = name;
    }
    void TearDown() override
    {
        close_master();
        if (slave_ >= 0) ::close(slave_);
    }
    void close_master()
    {
        if (master_ >= 0) ::close(master_);
        master_ = -1;
    }
    // The slave's input queue has data (shared by every descriptor of the slave, so the port's too).
    bool slave_readable() const
    {
        pollfd descriptor{slave_, POLLIN, 0};
        return ::poll(&descriptor, 1, kBoundMs) == 1;
    }
    // Reads the port until `size` bytes came, each round after poll() said the queue has some.
    std::string read_exactly(SerialPort& port, std::size_t size) const
    {
        std::string received;
        while (received.size() < size && slave_readable()) received += port.read_available();
        return received;
    }
    void write_master(std::string_view bytes) const
    {
        ASSERT_EQ(::write(master_, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    }

    int master_ = -1;
    int slave_ = -1;
    std::string slave_path_;
};

std::string every_byte_value()
{
    std::string bytes;
    for (int value = 0; value < 256; ++value) bytes.push_back(static_cast<char>(value));
    return bytes;
}

TEST_F(PseudoTerminal, NothingArrivedReadsEmpty)
{
    SerialPort port({slave_path_, 115200});
    EXPECT_EQ(port.read_available(), "");
    EXPECT_EQ(port.settings().port, slave_path_);
    EXPECT_EQ(port.settings().baud, 115200u);
}

TEST_F(PseudoTerminal, BinaryBytesArriveUnchangedAndInOrder)
{
    SerialPort port({slave_path_, 115200});
    // Every value, 0x00 and 0xFF included, and the ones a cooked tty would act on (^C, ^D,
    // XON/XOFF, CR, DEL): the port must be raw.
    const std::string sent = every_byte_value();
    write_master(sent);
    EXPECT_EQ(read_exactly(port, sent.size()), sent);
}

TEST_F(PseudoTerminal, ChunksWrittenApartArriveWithoutLoss)
{
    SerialPort port({slave_path_, 115200});
    std::string sent;
    std::string received;
    for (int chunk = 0; chunk < 20; ++chunk) {
        const std::string part = "line " + std::to_string(chunk) + "\r\n" + std::string(chunk * 37, 'x');
        write_master(part);
        sent += part;
        received += read_exactly(port, sent.size() - received.size());
    }
    EXPECT_EQ(received, sent);
}

TEST_F(PseudoTerminal, WritesReachTheOtherEnd)
{
    SerialPort port({slave_path_, 115200});
    const std::string sent = every_byte_value() + "reset\n";
    port.write(sent);
    std::string received;
    char buffer[512];
    pollfd descriptor{master_, POLLIN, 0};
    while (received.size() < sent.size() && ::poll(&descriptor, 1, kBoundMs) == 1) {
        const ssize_t n = ::read(master_, buffer, sizeof buffer);
        ASSERT_GT(n, 0);
        received.append(buffer, static_cast<std::size_t>(n));
    }
    EXPECT_EQ(received, sent);  // no CR inserted before the LF: output processing is off
}

TEST_F(PseudoTerminal, BaudRateIsSetOnTheLine)
{
    SerialPort port({slave_path_, 9600});
    termios settings{};
    ASSERT_EQ(::tcgetattr(slave_, &settings), 0);
    EXPECT_EQ(::cfgetospeed(&settings), static_cast<speed_t>(B9600));
    EXPECT_EQ(::cfgetispeed(&settings), static_cast<speed_t>(B9600));
    EXPECT_EQ(settings.c_cflag & CSIZE, static_cast<tcflag_t>(CS8));
    EXPECT_EQ(settings.c_cflag & (PARENB | CSTOPB | CRTSCTS), 0u);
    EXPECT_EQ(settings.c_lflag & (ICANON | ECHO), 0u);
}

TEST_F(PseudoTerminal, ARateTermiosCannotSetIsASerialPortError)
{
    try {
        SerialPort port({slave_path_, 123457});
        FAIL() << "opened at 123457 Bd";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::SerialPort);
        EXPECT_NE(std::string(error.what()).find(slave_path_), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find("baud"), std::string::npos) << error.what();
    }
}

TEST_F(PseudoTerminal, ClosedMasterIsAnErrorNamingThePortWithoutBlocking)
{
    SerialPort port({slave_path_, 115200});
    write_master("last words\n");
    EXPECT_EQ(read_exactly(port, 11), "last words\n");
    // Closing the master hangs the slave up; the kernel discards what the slave had not read yet.
    close_master();
    ::close(slave_);  // only the port holds the slave now, as on a bench
    slave_ = -1;
    // Runs on another thread so that a read that blocked shows as a failed bound, not a hung test.
    std::string received;
    auto reading = std::async(std::launch::async, [&port, &received] {
        for (int round = 0; round < 100; ++round) received += port.read_available();
    });
    ASSERT_EQ(reading.wait_for(std::chrono::milliseconds(kBoundMs)), std::future_status::ready);
    try {
        reading.get();
        FAIL() << "no error after the master closed; read " << received.size() << " bytes";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::SerialPort);
        EXPECT_NE(std::string(error.what()).find(slave_path_), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find("went away"), std::string::npos) << error.what();
        EXPECT_FALSE(error.remedy().empty());
    }
    // Once gone it stays gone.
    EXPECT_THROW(port.read_available(), Error);
}

TEST_F(PseudoTerminal, WriteAfterTheMasterClosedIsASerialPortError)
{
    SerialPort port({slave_path_, 115200});
    close_master();
    try {
        port.write("ping\n");
        FAIL() << "wrote to a closed pty";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::SerialPort);
        EXPECT_NE(std::string(error.what()).find(slave_path_), std::string::npos) << error.what();
    }
}

TEST(SerialPortOpen, MissingPathIsASerialPortErrorNamingIt)
{
    const std::string path = "/dev/ttyHILTEST-does-not-exist";
    try {
        SerialPort port({path, 115200});
        FAIL() << "opened " << path;
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::SerialPort);
        EXPECT_EQ(std::string(error.what()), "serial port " + path + " does not exist");
        EXPECT_FALSE(error.remedy().empty());
    }
}

TEST(SerialPortOpen, AFileThatIsNoTtyIsRefused)
{
    try {
        SerialPort port({"/dev/null", 115200});
        FAIL() << "opened /dev/null as a serial port";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::SerialPort);
        EXPECT_EQ(std::string(error.what()), "/dev/null is not a serial port");
    }
}

}  // namespace
}  // namespace hiltest::probe::serial
