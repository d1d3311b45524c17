// The final word of a connect that gave up: what the symptom means on a Blue Pill bench and
// what the user can do, from the attempts that were made.
#include "probe/connect/connector.hpp"

namespace hiltest::probe::connect {

void Connector::give_up(const std::vector<Error>& errors)
{
    if (errors.empty()) {
        throw Error(ErrorKind::Timeout, "no connection attempt fit in the configured total time",
                    "raise the connection time limit");
    }
    const Error& last = errors.back();
    if (last.kind() != ErrorKind::TargetNotResponding) throw last;

    const auto& log = statistics_.attempts();
    std::string tried;
    bool tried_under_reset = false;
    bool tried_power_cycle = false;
    for (std::size_t i = log.size() - errors.size(); i < log.size(); ++i) {
        if (!tried.empty()) tried += ", ";
        tried += std::string(to_string(log[i].strategy)) + " @" + std::to_string(log[i].swd_khz) + " kHz";
        tried_under_reset = tried_under_reset || is_under_reset(log[i].strategy);
        tried_power_cycle = tried_power_cycle || log[i].strategy == Strategy::PowerCycle;
    }
    std::string message =
        "cannot connect to the target: its SWD debug port does not answer (" + std::to_string(errors.size()) +
        " attempts: " + tried + "; last: " + last.what() +
        "). This is what OpenOCD reports as \"jtag status contains invalid mode value - "
        "communication failure\". Usual causes: the firmware remaps the SWD pins PA13/PA14 "
        "(AFIO SWJ_CFG) or enters Stop/Standby right after reset; the wrong target; loose "
        "wiring or no power.";
    if (tried_power_cycle) {
        message += " Power-cycling the board (" + options_.power_cycle->describe() +
                   ") did not help either: whatever stops SWD starts again right after power-up.";
    }
    const std::string hold_reset =
        "hold the board's RESET button, start the command, and release it when hiltest says \"release the "
        "board's RESET button now\"";
    std::string remedy;
    if (options_.nrst_wired == false) {
        message += " The bench declares the ST-Link's NRST as not wired to this board, so connecting "
                   "under reset was not tried.";
        remedy = hold_reset + " (--connect under-reset); or wire the ST-Link RST pin to the board's R pin and set "
                              "\"nrst_wired\": true in the bench file; or set BOOT0=1 and power-cycle the board so "
                              "the firmware does not run, then flash firmware that keeps SWD enabled";
        if (!tried_power_cycle) remedy += "; a \"power_cycle\" hook in the bench file lets hiltest do that itself";
    } else if (tried_under_reset) {
        message += " Connecting under reset did not help either: most likely the ST-Link's NRST line "
                   "does not reach the chip (the Blue Pill's 4-pin SWD header has no reset pin), "
                   "unless something else keeps the debug port silent (power, wiring).";
        remedy = hold_reset + "; or wire the ST-Link RST pin to the board's R pin; or power-cycle the board (or set "
                              "BOOT0=1 and power-cycle so the firmware does not run), then flash firmware that keeps "
                              "SWD enabled";
    } else {
        remedy = "connect under reset (--connect under-reset or --connect auto; needs NRST wired, or " + hold_reset +
                 "); power-cycle the board; check SWDIO/SWCLK/GND wiring and the 3.3 V supply";
    }
    throw Error(ErrorKind::TargetNotResponding, message, remedy);
}

}  // namespace hiltest::probe::connect
