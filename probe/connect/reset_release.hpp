#pragma once
// Catching a core that the board's RESET button holds in reset at attach time, as it leaves
// reset: the remedy for firmware that takes the SWD pins right after reset, on a Blue Pill whose
// 4-pin SWD header has no NRST. A person holds the button and starts the command; the debug
// port answers (SWJ_CFG is at its reset value while the chip is in reset), a halt at the reset
// vector is armed, the person is told to let go, and the core halts before the firmware's first
// instruction.
#include <functional>
#include <string>

#include "probe/arm/cortex_m.hpp"
#include "probe/base/clock.hpp"
#include "probe/base/error.hpp"

namespace hiltest::probe::connect {

// The line the person holding the RESET button waits for; the connect remedies quote it.
inline constexpr const char* kReleaseResetNote = "release the board's RESET button now";

// Whether the core is held in reset now. `first` is a DHCSR read just made. S_RESET_ST is
// sticky (a reset since the last read) but reads 1 on every read only while reset is asserted,
// so two reads in a row with S_RESET_ST set and S_HALT clear mean "held now". DHCSR is read a
// second time only when `first` shows S_RESET_ST without S_HALT.
bool held_in_reset(arm::CortexM& core, const arm::CoreStatus& first);

struct ResetReleaseWait {
    Duration window;  // how long the core may stay in reset after the person was told to let go
    Duration poll_interval = std::chrono::milliseconds(10);
    std::function<void(const std::string&)> note;  // told kReleaseResetNote once; empty: nobody is told
};

// For a core held in reset: arms the halt at the reset vector (DHCSR C_DEBUGEN|C_HALT and
// DEMCR.VC_CORERESET), says kReleaseResetNote, polls DHCSR through `clock` until the core has
// left reset and halted (a core that left reset without halting is halted), then clears
// VC_CORERESET and returns true. Returns false, with the catch disarmed again, when the core is
// still in reset at the end of the window.
bool halt_as_reset_ends(arm::CortexM& core, Clock& clock, const ResetReleaseWait& wait);

// What a connect says when the core stayed in reset through the whole window (Timeout).
Error stayed_in_reset_error(Duration window);

}  // namespace hiltest::probe::connect
