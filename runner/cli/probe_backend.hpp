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
    // Call once when the session is over: saves what must outlive it (the simulated board's
    // --flash-state). Throws hiltest::Error when that fails, so the command can say so and
    // fail; nothing is saved from a destructor, where an error could only be swallowed.
    virtual void finish() {}
};

struct SimBackendOptions {
    std::string firmware;             // --sim-firmware: ELF/HEX/BIN image loaded into flash
    std::string dpidr;                // --sim-dpidr, e.g. 0x2BA01477 for the clone
    std::string nrst_wired = "yes";   // --sim-nrst-wired yes|no
    std::string flash_state;          // --flash-state FILE: persistent flash contents
    uint64_t reset_button_ms = 0;     // --sim-reset-button-ms: RESET button held this long from power-on
    std::vector<std::string> faults;  // --fault SPEC (fixtures/bluepill/stlink/README.md)
    uint64_t seed = 1;                // --seed
    bool power_switch = false;        // --power-cycle given: the simulated supply can be switched
    std::string serial;               // the virtual ST-Link's USB serial (empty: its default)
    std::vector<std::pair<std::string, bool>> inputs;  // pins driven from outside, e.g. {"PA0", true}
};

void add_sim_backend_options(CLI::App& command, SimBackendOptions& options);

// sim_backend.cpp. Throws hiltest::Error (Usage) for bad options.
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
