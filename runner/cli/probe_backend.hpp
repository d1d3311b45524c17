#pragma once
// Where the probe commands get their bytes from: a real ST-Link over libusb, or the
// in-process virtual bench (virtual ST-Link + simulated Blue Pill). Only the composition
// root knows the difference; the driver above the Transport is the same.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "probe/base/clock.hpp"
#include "probe/connect/power_cycle.hpp"
#include "probe/usb/transport.hpp"

namespace hiltest::cli {

class ProbeBackend {
public:
    virtual ~ProbeBackend() = default;
    virtual probe::Transport& transport() = 0;
    virtual Clock& clock() = 0;
    virtual probe::connect::PowerCycleHook* power_cycle() { return nullptr; }
    // Printed by `hiltest info` for the simulated bench (seed, firmware …); empty otherwise.
    virtual std::string notes() const { return {}; }
};

struct SimBackendOptions {
    std::string firmware;             // --sim-firmware: ELF/HEX/BIN image loaded into flash
    std::string dpidr;                // --sim-dpidr, e.g. 0x2BA01477 for the clone
    std::string nrst_wired = "yes";   // --sim-nrst-wired yes|no
    std::string flash_state;          // --flash-state FILE: persistent flash contents
    std::vector<std::string> faults;  // --fault SPEC (fixtures/bluepill/stlink/README.md)
    uint64_t seed = 1;                // --seed
    bool power_switch = false;        // --power-cycle given: the simulated supply can be switched
    std::string serial;               // the virtual ST-Link's USB serial (empty: its default)
    std::vector<std::pair<std::string, bool>> inputs;  // pins driven from outside, e.g. {"PA0", true}
};

void add_sim_backend_options(CLI::App& command, SimBackendOptions& options);

// sim_backend.cpp. Throws hiltest::Error (Usage) for bad options.
std::unique_ptr<ProbeBackend> make_sim_backend(const SimBackendOptions& options);

}  // namespace hiltest::cli
