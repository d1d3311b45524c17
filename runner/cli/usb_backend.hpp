#pragma once
#include <memory>
#include <string>

#include "probe/usb/probe_selector.hpp"
#include "runner/cli/probe_backend.hpp"

namespace hiltest::cli {

// A real ST-Link over libusb with the wall clock; `power_cycle` (may be empty) is a command run
// through the shell as the connection strategies' last resort.
std::unique_ptr<ProbeBackend> make_usb_backend(const probe::ProbeSelector& selector, const std::string& power_cycle);

}  // namespace hiltest::cli
