#pragma once
// A simulated Blue Pill behind the virtual ST-Link, connected through the product's own driver:
// what the programmer tests and benchmark_flash flash. Nothing sleeps; waits advance the board.
// Test support, not product code: it lives outside every `tests` folder only so that the
// benchmark can link it too (hiltest_testing).
#include <random>
#include <string>
#include <vector>

#include "fixtures/bluepill/rig/rig.hpp"
#include "image/image_file.hpp"
#include "tests/support/firmware_paths.hpp"
#include "probe/arm/cortex_m.hpp"
#include "probe/connect/connector.hpp"
#include "probe/flash/image.hpp"
#include "probe/flash/stm32f1_programmer.hpp"
#include "probe/stlink/stlink_probe.hpp"

namespace hiltest::testing {

using probe::flash::FlashOptions;
using probe::flash::FlashStatistics;
using probe::flash::geometry_for;
using probe::flash::Image;
using probe::flash::Segment;
using probe::flash::Stm32f1Programmer;
namespace connect = hiltest::probe::connect;
namespace stlink = hiltest::probe::stlink;
namespace arm = hiltest::probe::arm;

// The programmer tests' rig: NRST not wired, as on the Blue Pill's 4-pin SWD header, and what
// the board holds before it is flashed: a fixture firmware name, a path, or empty (blank).
inline sim::RigConfig flash_rig_config(const std::string& contents = "blink_delay.elf")
{
    sim::RigConfig config;
    config.nrst_wired = false;
    if (!contents.empty()) {
        const bool is_path = contents.find('/') != std::string::npos;
        config.firmware = image::load_image(is_path ? contents : firmware_file(contents));
    }
    return config;
}

struct FlashRig {
    explicit FlashRig(sim::RigConfig config = flash_rig_config())
        : bench(std::move(config)),
          probe(bench.transport(), bench.clock()),
          core(probe, bench.clock())
    {
        connect();
    }

    void connect()
    {
        connect::Connector connector(probe, bench.clock(), {});
        connection = connector.connect();
    }

    Stm32f1Programmer programmer() { return Stm32f1Programmer(core, geometry_for(connection.target)); }

    // Defaults as on a Blue Pill (SYSRESETREQ resets: its SWD header has no NRST), plus the
    // dongle's command counter.
    FlashOptions options()
    {
        FlashOptions o;
        o.usb_transactions = [this] { return probe.counters().commands; };
        return o;
    }

    FlashStatistics flash(const Image& image, FlashOptions o)
    {
        if (!o.usb_transactions) o.usb_transactions = [this] { return probe.counters().commands; };
        return programmer().program(image, o);
    }
    FlashStatistics flash(const Image& image) { return flash(image, options()); }

    // The chip's flash as the simulation holds it (not through the probe).
    std::vector<uint8_t> flash_bytes(uint32_t address, size_t length) const
    {
        const auto& main = bench.board().flash_storage().main;
        const auto offset = address - 0x08000000u;
        return {main.begin() + offset, main.begin() + offset + static_cast<std::ptrdiff_t>(length)};
    }
    bool holds(const Image& image) const
    {
        for (const Segment& segment : image.segments) {
            if (segment.address < 0x08000000u) continue;
            if (flash_bytes(segment.address, segment.data.size()) != segment.data) return false;
        }
        return true;
    }

    sim::Rig bench;
    stlink::StlinkProbe probe;
    arm::CortexM core;
    connect::Connection connection;
};

// `bytes` pseudo-random bytes at `address`, from an explicit seed.
inline Image random_image(uint32_t address, size_t bytes, uint32_t seed)
{
    std::mt19937 random(seed);
    Image image;
    image.source = "random-" + std::to_string(seed) + ".bin";
    image.segments.push_back(Segment{address, std::vector<uint8_t>(bytes)});
    for (uint8_t& byte : image.segments[0].data) byte = static_cast<uint8_t>(random());
    return image;
}

}  // namespace hiltest::testing
