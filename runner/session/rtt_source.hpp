#pragma once
// The "rtt0".."rtt15" channels: SEGGER RTT up-buffers read over SWD while the target runs
// (probe/rtt), for a suite that uses RTT. It owns the client so rtt_send writes through the same
// control block the channels are read from.
#include <chrono>
#include <string>

#include "probe/rtt/rtt_client.hpp"
#include "runner/session/output_source.hpp"

namespace hiltest::session {

class RttSource final : public OutputSource {
public:
    RttSource(probe::arm::TargetAccess& target, probe::rtt::RttLocation where) : client_(target, where) {}

    void poll(const OutputReceiver& received) override
    {
        for (const probe::rtt::RttChunk& chunk : client_.poll())
            received("rtt" + std::to_string(chunk.channel), chunk.bytes);
    }
    bool carries(std::string_view channel) const override { return channel.starts_with("rtt"); }
    void target_restarted() override { client_.target_restarted(); }
    // A 1 KB up-buffer at 100 KB/s fills in 10 ms; each poll costs one read when nothing is new.
    Duration poll_interval() const override { return std::chrono::milliseconds(5); }

    probe::rtt::RttClient& client() { return client_; }

private:
    probe::rtt::RttClient client_;
};

}  // namespace hiltest::session
