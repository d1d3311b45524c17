#pragma once
// The rtt_log fixture (fixtures/firmware/rtt_log) on the simulated rig behind the virtual
// ST-Link, connected and running, with what its channel 0 log must read. Used by the RTT
// integration tests and benchmarks/rtt.
#include <cstdio>
#include <functional>
#include <map>
#include <string>

#include "probe/arm/cortex_m.hpp"
#include "probe/connect/connector.hpp"
#include "probe/rtt/rtt_client.hpp"
#include "probe/stlink/stlink_probe.hpp"
#include "tests/support/rig/rig_fixture.hpp"
#include "tests/support/rtt_log_text.hpp"

namespace hiltest::testing {

struct RttRig {
    explicit RttRig(sim::RigConfig config = rig_config("rtt_log"))
        : bench(std::move(config)), probe(bench.transport(), bench.clock()), core(probe, bench.clock())
    {
        probe::connect::Connector connector(probe, bench.clock(), {});
        connector.connect();  // leaves the core running
    }
    sim::Rig bench;
    probe::stlink::StlinkProbe probe;
    probe::arm::CortexM core;
};

// Lets the target run `interval` between polls (as a session does between slices) and appends
// what each channel brings to `received`, until `done` says so or `limit` of simulated time has
// passed. Returns whether `done` was reached.
inline bool poll_rtt_until(RttRig& rig, probe::rtt::RttClient& client, Duration interval, Duration limit,
                           std::map<unsigned, std::string>& received, const std::function<bool()>& done)
{
    const TimePoint end = rig.bench.clock().now() + limit;
    while (rig.bench.clock().now() < end) {
        for (probe::rtt::RttChunk& chunk : client.poll()) received[chunk.channel] += chunk.bytes;
        if (done()) return true;
        rig.bench.clock().sleep_for(interval);
    }
    return false;
}

}  // namespace hiltest::testing
