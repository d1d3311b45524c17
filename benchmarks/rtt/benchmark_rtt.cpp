// benchmark_rtt: the rtt_log fixture writes 65536 bytes through its 1 KB blocking up-buffer; the
// host polls over the virtual ST-Link/V2 (1 ms per USB command, 800 ns per data byte) with the
// target running between polls, as a session does between slices. For several poll intervals it
// prints the throughput in KB per second of simulated time and USB transactions per KB. Times
// are simulated, so the numbers are the same on every machine.
#include <chrono>
#include <cstdio>
#include <exception>
#include <map>
#include <string>

#include "probe/base/error.hpp"
#include "tests/support/rig/rtt_rig.hpp"

using namespace std::chrono_literals;
namespace rig = hiltest::testing;

namespace {

struct Run {
    double kib_per_second = 0;
    double usb_per_kib = 0;
    uint64_t polls = 0;
    bool complete = false;
};

Run measure(hiltest::Duration interval)
{
    rig::RttRig bench;
    hiltest::probe::rtt::RttClient client(
        bench.probe, hiltest::probe::rtt::RttLocation{rig::firmware_symbol("rtt_log", "_SEGGER_RTT")});
    const std::string expected = rig::rtt_log_expected_text();
    std::map<unsigned, std::string> received;
    // Attached first: the measurement starts at the first poll that finds the block.
    rig::poll_rtt_until(bench, client, interval, 1s, received, [&] { return client.attached(); });
    const hiltest::TimePoint start = bench.bench.clock().now();
    const uint64_t commands = bench.bench.stlink().stats().commands;
    const uint64_t polls = client.statistics().polls;
    rig::poll_rtt_until(bench, client, interval, 60s, received,
                        [&] { return received[0].size() >= expected.size(); });
    const double seconds = std::chrono::duration<double>(bench.bench.clock().now() - start).count();
    const double kib = static_cast<double>(expected.size()) / 1024.0;
    Run run;
    run.complete = received[0] == expected;
    run.kib_per_second = seconds > 0 ? kib / seconds : 0;
    run.usb_per_kib = static_cast<double>(bench.bench.stlink().stats().commands - commands) / kib;
    run.polls = client.statistics().polls - polls;
    return run;
}

}  // namespace

int main()
{
    try {
        std::printf(
            "rtt_log: 64 KB through a 1 KB BLOCK_IF_FIFO_FULL up-buffer, STM32F103 at 72 MHz, "
            "virtual ST-Link/V2 (1 ms per USB command)\n");
        std::printf("%-14s %10s %10s %8s  %s\n", "poll interval", "KB/s", "USB/KB", "polls", "log");
        bool goal = false;
        for (const hiltest::Duration interval : {0ms, 1ms, 2ms, 5ms, 10ms, 20ms}) {
            const Run run = measure(interval);
            std::printf("%11lld ms %10.1f %10.2f %8llu  %s\n",
                        static_cast<long long>(
                            std::chrono::duration_cast<std::chrono::milliseconds>(interval).count()),
                        run.kib_per_second, run.usb_per_kib, static_cast<unsigned long long>(run.polls),
                        run.complete ? "complete, in order" : "INCOMPLETE");
            if (interval == 5ms) goal = run.complete && run.kib_per_second >= 50;
        }
        std::printf("goal: >= 50 KB/s at the session's 5 ms poll interval -> %s\n", goal ? "met" : "NOT met");
        return goal ? 0 : 1;
    } catch (const hiltest::Error& error) {
        std::fprintf(stderr, "benchmark_rtt: %s\n", error.what());
    } catch (const std::exception& error) {
        std::fprintf(stderr, "benchmark_rtt: %s\n", error.what());
    }
    return 1;
}
