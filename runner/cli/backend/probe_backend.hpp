#pragma once
// Where the probe commands get their bytes from: a real ST-Link over libusb, or the
// in-process simulated rig (virtual ST-Link + simulated Blue Pill). Only the composition
// root knows the difference; the driver above the Transport is the same.
#include <string>
#include <vector>

#include "probe/base/clock.hpp"
#include "probe/connect/power_cycle.hpp"
#include "probe/usb/transport.hpp"
#include "runner/session/board_stimulus.hpp"
#include "runner/session/output_source.hpp"
#include "runner/session/pin_observer.hpp"

namespace hiltest::cli {

class ProbeBackend {
public:
    virtual ~ProbeBackend() = default;
    virtual probe::usb::Transport& transport() = 0;
    virtual Clock& clock() = 0;
    virtual probe::connect::PowerCycleHook* power_cycle() { return nullptr; }
    // What set_pin / uart_send / set_analog act on: the simulated board; nullptr for hardware
    // (a bench board's hooks may provide them instead).
    virtual session::BoardStimulus* stimulus() { return nullptr; }
    // expect_blink's logic analyser: the simulated board's pin trace; nullptr for hardware.
    virtual const session::PinObserver* pins() const { return nullptr; }
    // Output channels besides semihosting the board has (the simulated board's USART1..3); a
    // bench's serial ports come from the bench file instead. Owned by the backend.
    virtual std::vector<session::OutputSource*> outputs() { return {}; }
    // Printed by `hiltest info` for the simulated rig (seed, firmware …); empty otherwise.
    virtual std::string notes() const { return {}; }
    // Where the session's results may not be what a real board would give (the simulated
    // board: registers the firmware used that the model does not implement); empty for hardware.
    virtual std::vector<std::string> warnings() const { return {}; }
    // Call once when the session is over: saves what must outlive it (the simulated board's
    // --flash-state). Throws hiltest::Error when that fails, so the command can say so and
    // fail; nothing is saved from a destructor, where an error could only be swallowed.
    virtual void finish() {}
};

}  // namespace hiltest::cli
