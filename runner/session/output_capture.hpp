#pragma once
// Every output channel of the target, captured from the moment the firmware starts: the
// session polls its sources (output_source.hpp) while the target runs and keeps, per channel,
//  - the text of the firmware's current run (since it last started), which expect_output and
//    run_tests look at: text from an earlier run is no evidence about this one;
//  - the text that arrived during the current test, with arrival times, for the reports.
// Both are capped (kCapBytes per channel each): a firmware that floods a channel costs hiltest
// bounded memory, and the excess is counted (ChannelOutput::dropped_bytes), never silently lost.
// Listeners see every byte as it arrives, capped or not (run_tests parsers, --verbose).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "probe/base/clock.hpp"
#include "reports/result.hpp"
#include "runner/session/output_source.hpp"

namespace hiltest::session {

class OutputCapture {
public:
    static constexpr std::size_t kCapBytes = std::size_t{1} << 20;  // per channel, per run and per test

    explicit OutputCapture(Clock& clock, std::size_t cap_bytes = kCapBytes) : clock_(clock), cap_(cap_bytes) {}
    OutputCapture(const OutputCapture&) = delete;
    OutputCapture& operator=(const OutputCapture&) = delete;

    // The sources live as long as the capture (the session's link owns them).
    void add_source(OutputSource& source) { sources_.push_back(&source); }
    bool carries(std::string_view channel) const;
    // The shortest poll interval any source asks for.
    Duration poll_interval() const;

    // Reads every source once. A source's hiltest::Error propagates (a serial port gone is the
    // bench's failure; a lost probe link the step recovery's business).
    void poll();
    // The firmware restarted: what arrived so far is read first (it belongs to the old run and
    // to the test's capture), then every channel's run text starts empty.
    void target_restarted();

    // The channel's text since the firmware last started, up to the cap.
    std::string_view run_text(std::string_view channel) const;
    // How many bytes the channel carried in this run, the dropped ones included.
    std::uint64_t run_bytes(std::string_view channel) const;

    // The test's capture starts now (empty on every channel) / what it holds, for the report.
    void begin_test();
    std::vector<reports::ChannelOutput> test_outputs() const;

    using ListenerId = std::size_t;
    ListenerId listen(OutputReceiver receiver);
    void unlisten(ListenerId id);

private:
    struct Channel {
        std::string run_text;
        std::uint64_t run_bytes = 0;
        reports::ChannelOutput test;
    };
    void receive(std::string_view channel, std::string_view bytes);
    void append_capped(std::string& text, std::string_view bytes) const;

    Clock& clock_;
    std::size_t cap_;
    std::vector<OutputSource*> sources_;
    std::map<std::string, Channel, std::less<>> channels_;
    TimePoint test_start_{0};
    std::map<ListenerId, OutputReceiver> listeners_;
    ListenerId next_listener_ = 0;
};

// The order channels are listed in reports: semihosting, uart1..3, rtt0.., then any other.
bool channel_order(std::string_view a, std::string_view b);

}  // namespace hiltest::session
