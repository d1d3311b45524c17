#pragma once
#include <memory>
#include <string>

#include "probe/base/probe_selector.hpp"
#include "runner/cli/backend/probe_backend.hpp"

namespace hiltest::cli {

// A real ST-Link over libusb with the wall clock. Power-cycle commands are bench hooks
// (bench::BoardHooks), not part of the probe.
std::unique_ptr<ProbeBackend> make_usb_backend(const probe::ProbeSelector& selector);

}  // namespace hiltest::cli
