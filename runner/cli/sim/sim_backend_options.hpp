#pragma once
// The complete SimBackendOptions of runner/cli/backend/sim_backend.hpp, for the code built with
// the simulator.
#include <string>

#include "fixtures/bluepill/rig/rig.hpp"
#include "runner/cli/backend/sim_backend.hpp"

namespace hiltest::cli {

struct SimBackendOptions {
    sim::RigConfig rig;  // typed; fixtures/bluepill/rig/rig.hpp has every default
};

// For a --flash-state FILE (empty: nothing to check): FILE must be a regular file or not exist
// yet, in a folder that exists or can be created and is writable; an existing FILE must be a
// flash state file. Throws hiltest::Error (Usage; ImageFormat for a file that is not a flash
// state file).
void check_flash_state_path(const std::string& path);

// DPIDR as --sim-dpidr and `sim usb --dpidr` take it: hex, with or without 0x. Throws
// hiltest::Error (Usage, naming `option`).
uint32_t parse_dpidr(const std::string& text, const std::string& option);

// A suite's pin name on the simulated board. Throws hiltest::Error (Usage) for ports F and G,
// which the STM32F103C8 does not have.
sim::PinId simulated_pin(const suite::Pin& pin);

}  // namespace hiltest::cli
