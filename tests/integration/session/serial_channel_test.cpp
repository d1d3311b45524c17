// A bench's serial port as an output channel, through a pseudo-terminal pair standing in for the
// USB-serial adapter: what the adapter receives is the uart1 channel expect_output reads and the
// report keeps, and an adapter that goes away mid-run is the bench's error naming the port — the
// run ends its tests promptly, never hangs, and never blames the firmware.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <pty.h>
#include <unistd.h>

#include "runner/session/serial_source.hpp"
#include "tests/integration/session/session_on_rig.hpp"

namespace hiltest::testing {
namespace {

class PseudoTerminal {
public:
    PseudoTerminal()
    {
        char name[256] = {};
        if (::openpty(&master_, &slave_, name, nullptr, nullptr) != 0) throw std::runtime_error("openpty failed");
        path_ = name;
    }
    ~PseudoTerminal()
    {
        close_master();
        if (slave_ >= 0) ::close(slave_);
    }
    PseudoTerminal(const PseudoTerminal&) = delete;
    PseudoTerminal& operator=(const PseudoTerminal&) = delete;

    const std::string& path() const { return path_; }
    void send(const std::string& bytes) { ASSERT_EQ(::write(master_, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size())); }
    void close_master()
    {
        if (master_ >= 0) ::close(master_);
        master_ = -1;
    }

private:
    int master_ = -1;
    int slave_ = -1;  // kept open so the line stays up until the master closes
    std::string path_;
};

const std::string kTwoTests = suite_json("semihost_hello.elf",
    started_test("adapter", R"({"do": "expect_output", "contains": "Hello"},
                               {"do": "expect_output", "source": "uart1", "contains": "adapter says hi", "timeout_ms": 200})") +
    ", " + test_json("after the adapter is gone", R"({"do": "wait", "ms": 200})"));

TEST(SerialChannel, WhatTheAdapterReceivesIsUart1AndGoesInTheReport)
{
    PseudoTerminal pty;
    session::SerialSource port({pty.path(), 115200, 1, {}});
    SessionOnRig session;
    session.add_output(port);
    session::SessionOptions options;
    // The adapter receives its line once the firmware has started (its greeting came).
    bool sent = false;
    options.output = [&](std::string_view channel, std::string_view) {
        if (channel == "semihosting" && !sent) {
            sent = true;
            pty.send("adapter says hi\r\n");
        }
    };
    const reports::SuiteResult run = session.run(kTwoTests, options);
    const reports::TestResult& first = run.tests.at(0);
    EXPECT_EQ(first.status, reports::Status::Passed) << first.message;
    EXPECT_EQ(first.output_of("uart1"), "adapter says hi\r\n");
    EXPECT_EQ(run.tests.at(1).status, reports::Status::Passed);
}

TEST(SerialChannel, AnAdapterThatGoesAwayIsTheBenchsErrorNamingThePort)
{
    PseudoTerminal pty;
    session::SerialSource port({pty.path(), 115200, 1, {}});
    SessionOnRig session;
    session.add_output(port);
    session::SessionOptions options;
    options.test_finished = [&](const reports::TestResult&) { pty.close_master(); };  // unplugged after test 1
    bool sent = false;
    options.output = [&](std::string_view channel, std::string_view) {
        if (channel == "semihosting" && !sent) {
            sent = true;
            pty.send("adapter says hi\n");
        }
    };
    const reports::SuiteResult run = session.run(kTwoTests, options);
    ASSERT_EQ(run.tests.size(), 2u);
    EXPECT_EQ(run.tests[0].status, reports::Status::Passed) << run.tests[0].message;
    const reports::TestResult& gone = run.tests[1];
    EXPECT_EQ(gone.status, reports::Status::Error) << gone.message;
    EXPECT_EQ(gone.error_kind, "serial-port");
    EXPECT_NE(gone.message.find(pty.path()), std::string::npos) << gone.message;
}

}  // namespace
}  // namespace hiltest::testing
