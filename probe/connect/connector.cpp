#include "probe/connect/connector.hpp"

#include <algorithm>
#include <cstdio>

#include "probe/arm/cortex_m_registers.hpp"

namespace hiltest::probe::connect {
namespace {

bool under_reset(Strategy s) { return s == Strategy::UnderReset || s == Strategy::SlowClockUnderReset; }
bool slow(Strategy s) { return s == Strategy::SlowClock || s == Strategy::SlowClockUnderReset; }

std::string hex32(uint32_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", value);
    return text;
}

}  // namespace

ConnectMode parse_connect_mode(std::string_view text)
{
    if (text == "auto") return ConnectMode::Auto;
    if (text == "normal" || text == "plain") return ConnectMode::Plain;
    if (text == "under-reset") return ConnectMode::UnderReset;
    throw Error(ErrorKind::Usage, "unknown connect mode '" + std::string(text) + "'",
                "use --connect auto, normal or under-reset");
}

bool is_retryable(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::TargetNotResponding:
    case ErrorKind::TargetFault:
    case ErrorKind::UsbIo:
    case ErrorKind::UsbTimeout:
    case ErrorKind::UsbGone:
    case ErrorKind::ProbeProtocol:
    case ErrorKind::Timeout:
        return true;
    default:
        return false;
    }
}

void restore_low_power_debug(arm::TargetAccess& target, const Connection& connection)
{
    target.write_word(arm::addr::kDbgmcuCr, connection.dbgmcu_cr_before);
}

Connector::Connector(stlink::StlinkProbe& probe, Clock& clock, ConnectOptions options)
    : probe_(probe), clock_(clock), options_(std::move(options)), backoff_(options_.retry)
{
}

std::vector<Strategy> Connector::plan_for(const ConnectOptions& options)
{
    std::vector<Strategy> steps;
    switch (options.mode) {
    case ConnectMode::Plain:
        steps = {Strategy::Plain, Strategy::Plain, Strategy::SlowClock, Strategy::SlowClock};
        break;
    case ConnectMode::UnderReset:
        steps = {Strategy::UnderReset, Strategy::UnderReset, Strategy::SlowClockUnderReset};
        break;
    case ConnectMode::Auto:
        steps = {Strategy::Plain, Strategy::UnderReset, Strategy::SlowClock, Strategy::SlowClockUnderReset};
        if (options.power_cycle) steps.push_back(Strategy::PowerCycle);
        steps.push_back(Strategy::UnderReset);
        break;
    }
    if (options.mode != ConnectMode::Auto && options.power_cycle) steps.push_back(Strategy::PowerCycle);
    if (options.nrst_wired == false) {
        // Without NRST an under-reset attempt is a plain one that only uses up the retry budget;
        // the plain and slower-clock attempts take their places, the power cycle stays last.
        std::vector<Strategy> without_reset = {Strategy::Plain, Strategy::SlowClock, Strategy::Plain,
                                               Strategy::SlowClock};
        if (options.power_cycle) without_reset.insert(without_reset.end(), {Strategy::PowerCycle, Strategy::Plain});
        steps = std::move(without_reset);
    }
    const auto limit = static_cast<std::size_t>(std::max(1, options.retry.max_attempts));
    if (steps.size() > limit) {
        // A short retry budget still ends with the last resort: the power cycle is the one
        // strategy that can clear a state nothing on the wire can.
        const bool had_power_cycle = std::find(steps.begin(), steps.end(), Strategy::PowerCycle) != steps.end();
        steps.resize(limit);
        if (had_power_cycle) steps.back() = Strategy::PowerCycle;
    }
    return steps;
}

Connection Connector::attempt(Strategy strategy)
{
    if (need_usb_reset_) {
        // A wedged dongle is reset and re-opened before anything touches the board's power.
        need_usb_reset_ = false;
        probe_.transport().reset();
    }
    if (strategy == Strategy::PowerCycle) options_.power_cycle->power_cycle();
    probe_.open();
    Connection c;
    c.strategy = strategy;
    if (probe_.features().target_voltage) {
        c.voltage = probe_.target_voltage();
        if (c.voltage < options_.min_voltage) {
            char volts[16];
            std::snprintf(volts, sizeof volts, "%.2f", c.voltage);
            throw Error(ErrorKind::LowVoltage,
                        std::string("the target voltage is ") + volts +
                            " V: the board is not powered (or the ST-Link's 3.3V/VAPP pin is not "
                            "connected to it)",
                        "power the board (USB or the ST-Link's 3.3V pin) and connect its 3.3V to "
                        "the ST-Link's target-voltage pin");
        }
    }
    const uint32_t khz = slow(strategy) ? options_.slow_swd_khz : options_.swd_khz;
    // After a power cycle, attach the way the mode asks for (under reset unless plain-only).
    const bool reset_first = under_reset(strategy) || (strategy == Strategy::PowerCycle &&
                                                       options_.mode != ConnectMode::Plain && options_.nrst_wired != false);
    c.swd_khz = (probe_.features().swd_set_freq || probe_.features().com_freq)
                    ? probe_.set_swd_frequency(khz)
                    : probe_.swd_frequency_khz();
    if (reset_first) {
        probe_.enter_swd_under_reset();
    } else {
        probe_.enter_swd();
    }
    c.dpidr = probe_.read_dpidr();
    if (c.dpidr == 0 || c.dpidr == 0xFFFFFFFF) {
        throw Error(ErrorKind::TargetNotResponding,
                    "the target's SWD IDCODE reads " + hex32(c.dpidr) + ": nothing answers on SWD",
                    "check wiring and power");
    }
    probe_.init_ap(0);

    arm::CortexM core(probe_, clock_);
    if (reset_first) {
        // Halt at the reset vector before the firmware can lock SWD out again.
        core.enable_debug();
        probe_.write_word(arm::addr::kDhcsr, arm::dhcsr::kKey | arm::dhcsr::kDebugEn | arm::dhcsr::kHalt);
        probe_.write_word(arm::addr::kDemcr, arm::demcr::kTrcEna | arm::demcr::kVcCoreReset);
        core.status();  // clear the sticky S_RESET_ST from before
        probe_.drive_nrst(stlink::NrstLevel::High);
        bool halted = false;
        const auto deadline = clock_.now() + std::chrono::milliseconds(100);
        while (true) {
            const auto s = core.status();
            c.nrst_effective = c.nrst_effective || s.reset_seen();
            halted = s.halted();
            if (halted || clock_.now() >= deadline) break;
            clock_.sleep_for(std::chrono::milliseconds(1));
        }
        probe_.write_word(arm::addr::kDemcr, arm::demcr::kTrcEna);
        if (!halted) core.halt();
        c.core_halted = true;
    } else {
        core.enable_debug();
        if (options_.halt) {
            core.halt();
            c.core_halted = true;
        }
    }
    c.target = target::detect(probe_, c.dpidr);
    if (c.target.is_cortex_m3_or_m4()) probe_.set_tar_block(4096);
    target::check_declared_target(c.target, options_.declared_target);
    core.enable_low_power_debug();
    c.dbgmcu_cr_before = core.dbgmcu_cr_before().value_or(0);
    return c;
}

Connection Connector::connect()
{
    statistics_.begin_connect();
    const auto started = clock_.now();
    const auto steps = plan();
    std::vector<Error> errors;
    Duration backoff{0};
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (i > 0) {
            backoff = backoff_.next();
            if (clock_.now() + backoff - started > options_.retry.max_total) break;
            clock_.sleep_for(backoff);
        }
        AttemptRecord record;
        record.strategy = steps[i];
        record.backoff_before = backoff;
        record.usb_reset_before = need_usb_reset_;
        const auto attempt_start = clock_.now();
        try {
            Connection c = attempt(steps[i]);
            record.succeeded = true;
            record.swd_khz = c.swd_khz;
            record.duration = clock_.now() - attempt_start;
            statistics_.record(record);
            statistics_.record_connected(clock_.now() - started);
            return c;
        } catch (const Error& e) {
            record.swd_khz = probe_.swd_frequency_khz();
            record.error_kind = e.kind();
            record.error_message = e.what();
            record.duration = clock_.now() - attempt_start;
            statistics_.record(record);
            errors.push_back(e);
            const bool usb = e.kind() == ErrorKind::UsbIo || e.kind() == ErrorKind::UsbTimeout ||
                             e.kind() == ErrorKind::UsbGone;
            need_usb_reset_ = usb;
            if (!is_retryable(e.kind())) break;
        }
    }
    statistics_.record_gave_up();
    give_up(errors);
}

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
        tried_under_reset = tried_under_reset || under_reset(log[i].strategy);
        tried_power_cycle = tried_power_cycle || log[i].strategy == Strategy::PowerCycle;
    }
    std::string message =
        "cannot connect to the target: its SWD debug port does not answer (" +
        std::to_string(errors.size()) + " attempts: " + tried + "; last: " + last.what() +
        "). This is what OpenOCD reports as \"jtag status contains invalid mode value - "
        "communication failure\". Usual causes: the firmware remaps the SWD pins PA13/PA14 "
        "(AFIO SWJ_CFG) or enters Stop/Standby right after reset; the wrong target; loose "
        "wiring or no power.";
    if (tried_power_cycle) {
        message += " Power-cycling the board (" + options_.power_cycle->describe() +
                   ") did not help either: whatever stops SWD starts again right after power-up.";
    }
    std::string remedy;
    if (options_.nrst_wired == false) {
        message += " The bench declares the ST-Link's NRST as not wired to this board, so connecting "
                   "under reset was not tried.";
        remedy = "hold the board's RESET button, start the command, and release RESET when it says "
                 "it is connecting; or wire the ST-Link RST pin to the board's R pin and set "
                 "\"nrst_wired\": true in the bench file; or set BOOT0=1 and power-cycle the board so "
                 "the firmware does not run, then flash firmware that keeps SWD enabled";
        if (!tried_power_cycle) remedy += "; a \"power_cycle\" hook in the bench file lets hiltest do that itself";
    } else if (tried_under_reset) {
        message += " Connecting under reset did not help either, so the ST-Link's NRST line "
                   "evidently does not reach the chip (the Blue Pill's 4-pin SWD header has no "
                   "reset pin).";
        remedy = "hold the board's RESET button, start the command, and release RESET when it "
                 "says it is connecting; or wire the ST-Link RST pin to the board's R pin; or "
                 "power-cycle the board (or set BOOT0=1 and power-cycle so the firmware does "
                 "not run), then flash firmware that keeps SWD enabled";
    } else {
        remedy = "connect under reset (--connect under-reset or --connect auto; needs NRST "
                 "wired) or hold the board's RESET button while connecting; power-cycle the "
                 "board; check SWDIO/SWCLK/GND wiring and the 3.3 V supply";
    }
    throw Error(ErrorKind::TargetNotResponding, message, remedy);
}

}  // namespace hiltest::probe::connect
