#pragma once
// Where the probe commands get their bytes from: a real ST-Link over libusb, or the
// in-process virtual bench (virtual ST-Link + simulated Blue Pill). Only the composition
// root knows the difference; the driver above the Transport is the same.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "fixtures/bluepill/rig/rig.hpp"
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
    // Call once when the session is over: saves what must outlive it (the simulated board's
    // --flash-state). Throws hiltest::Error when that fails, so the command can say so and
    // fail; nothing is saved from a destructor, where an error could only be swallowed.
    virtual void finish() {}
};

// `--probe sim` and simulated bench boards: the rig, typed (fixtures/bluepill/rig/rig.hpp has
// every default), and whether a power cycle may switch its supply.
struct SimBackendOptions {
    sim::RigConfig rig;
    bool power_switch = false;  // --power-cycle given, or a bench board: the simulated supply can be switched
};

// --sim-firmware, --sim-dpidr, --sim-nrst-wired, --sim-reset-button-ms, --flash-state, --fault,
// --seed: parsed into `options` as the command line is read (errors are Usage or ImageFormat).
void add_sim_backend_options(CLI::App& command, SimBackendOptions& options);

// sim_backend.cpp. Throws hiltest::Error (ImageFormat) for a firmware image or flash state file
// the simulated board cannot use.
std::unique_ptr<ProbeBackend> make_sim_backend(const SimBackendOptions& options);

// Before a run, for a --flash-state FILE (empty: nothing to check): FILE must be a regular file
// or not exist yet, in a folder that exists or can be created and is writable; an existing FILE
// must be a flash state file. Throws hiltest::Error (Usage; ImageFormat for a file that is not a
// flash state file).
void check_flash_state_path(const std::string& path);

// Writes the simulated flash to a --flash-state FILE as reports are written (temporary file and
// rename; a symbolic link stays a link). Throws hiltest::Error.
void save_flash_state_file(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace hiltest::cli
