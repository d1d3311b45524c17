#include "runner/session/output_capture.hpp"

#include <gtest/gtest.h>

#include "probe/base/error.hpp"

namespace hiltest::session {
namespace {

using std::chrono::milliseconds;

// A source whose next poll hands over what the test queued.
class QueuedSource final : public OutputSource {
public:
    explicit QueuedSource(std::string channel) : channel_(std::move(channel)) {}
    void poll(const OutputReceiver& received) override
    {
        if (gone) throw Error(ErrorKind::SerialPort, "/dev/ttyUSB0 went away");
        for (const std::string& chunk : queued) received(channel_, chunk);
        queued.clear();
    }
    bool carries(std::string_view channel) const override { return channel == channel_; }
    void target_restarted() override { ++restarts; }

    std::vector<std::string> queued;
    bool gone = false;
    int restarts = 0;

private:
    std::string channel_;
};

TEST(OutputCapture, KeepsEachChannelApartWithArrivalTimesSinceTheTestStarted)
{
    ManualClock clock;
    OutputCapture capture(clock);
    QueuedSource uart("uart1"), semi("semihosting");
    capture.add_source(uart);
    capture.add_source(semi);
    clock.advance(milliseconds(5));
    capture.begin_test();
    uart.queued = {"boot\n"};
    clock.advance(milliseconds(10));
    capture.poll();
    uart.queued = {"ready\n"};
    semi.queued = {"hi\n"};
    clock.advance(milliseconds(7));
    capture.poll();

    const auto outputs = capture.test_outputs();
    ASSERT_EQ(outputs.size(), 2u);
    EXPECT_EQ(outputs[0].channel, "semihosting") << "semihosting is listed first";
    EXPECT_EQ(outputs[1].channel, "uart1");
    EXPECT_EQ(outputs[1].text, "boot\nready\n");
    ASSERT_EQ(outputs[1].marks.size(), 2u);
    EXPECT_EQ(outputs[1].marks[0].offset, 0u);
    EXPECT_EQ(outputs[1].marks[0].at, milliseconds(10));
    EXPECT_EQ(outputs[1].marks[1].offset, 5u);
    EXPECT_EQ(outputs[1].marks[1].at, milliseconds(17));
    EXPECT_EQ(capture.run_text("uart1"), "boot\nready\n");
    EXPECT_TRUE(capture.carries("uart1"));
    EXPECT_FALSE(capture.carries("uart2"));
}

TEST(OutputCapture, ARestartReadsWhatCameBeforeThenStartsTheRunAfresh)
{
    ManualClock clock;
    OutputCapture capture(clock);
    QueuedSource uart("uart1");
    capture.add_source(uart);
    capture.begin_test();
    uart.queued = {"old run\n"};
    capture.target_restarted();
    EXPECT_EQ(uart.restarts, 1);
    EXPECT_EQ(capture.run_text("uart1"), "") << "text of the earlier run is no evidence about this one";
    uart.queued = {"new run\n"};
    capture.poll();
    EXPECT_EQ(capture.run_text("uart1"), "new run\n");
    EXPECT_EQ(capture.test_outputs().at(0).text, "old run\nnew run\n") << "the test's capture keeps both sides";
}

TEST(OutputCapture, AFloodCostsNoMoreThanTheCapAndTheExcessIsCounted)
{
    ManualClock clock;
    OutputCapture capture(clock, 64);
    QueuedSource uart("uart1");
    capture.add_source(uart);
    std::string seen;
    capture.listen([&](std::string_view, std::string_view bytes) { seen += bytes; });
    capture.begin_test();
    for (int i = 0; i < 100; ++i) uart.queued.push_back(std::string(10, static_cast<char>('a' + i % 26)));
    capture.poll();
    EXPECT_EQ(capture.run_text("uart1").size(), 64u);
    EXPECT_EQ(capture.run_bytes("uart1"), 1000u);
    const auto outputs = capture.test_outputs();
    EXPECT_EQ(outputs.at(0).text.size(), 64u);
    EXPECT_EQ(outputs.at(0).dropped_bytes, 936u);
    EXPECT_EQ(outputs.at(0).marks.size(), 7u) << "only chunks that kept bytes are marked";
    EXPECT_EQ(seen.size(), 1000u) << "listeners see every byte, kept or not";
}

TEST(OutputCapture, ASourceThatWentAwayIsItsErrorNotSilence)
{
    ManualClock clock;
    OutputCapture capture(clock);
    QueuedSource uart("uart1");
    capture.add_source(uart);
    uart.gone = true;
    try {
        capture.poll();
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::SerialPort);
    }
}

TEST(OutputCapture, AListenerCanStopListeningFromItsOwnCallback)
{
    ManualClock clock;
    OutputCapture capture(clock);
    QueuedSource uart("uart1");
    capture.add_source(uart);
    int calls = 0;
    OutputCapture::ListenerId id = 0;
    id = capture.listen([&](std::string_view, std::string_view) {
        ++calls;
        capture.unlisten(id);
    });
    uart.queued = {"a", "b"};
    capture.poll();
    EXPECT_EQ(calls, 1);
}

TEST(ChannelOrder, SemihostingThenUartsThenRttByNumber)
{
    EXPECT_TRUE(channel_order("semihosting", "uart1"));
    EXPECT_TRUE(channel_order("uart3", "rtt0"));
    EXPECT_TRUE(channel_order("rtt2", "rtt10"));
    EXPECT_FALSE(channel_order("rtt10", "rtt2"));
}

}  // namespace
}  // namespace hiltest::session
