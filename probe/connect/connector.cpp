#include "probe/connect/connector.hpp"

#include <algorithm>
#include <cstdio>

#include "probe/arm/cortex_m_registers.hpp"
#include "probe/base/hex.hpp"
#include "probe/connect/reset_release.hpp"

namespace hiltest::probe::connect {
namespace {

std::string volts_text(double volts)
{
    char text[16];
    std::snprintf(text, sizeof text, "%.2f V", volts);
    return text;
}

bool same_ids(const target::TargetIds& a, const target::TargetIds& b)
{
    return a.dpidr == b.dpidr && a.cpuid == b.cpuid && a.dbgmcu_idcode == b.dbgmcu_idcode &&
           a.flash_size_word == b.flash_size_word;
}

// The debug port is silent and the supply reads low: the supply is the explanation.
Error low_voltage(double volts, double minimum, const Error& symptom)
{
    const std::string reading = volts < 0.5 ? "reads " + volts_text(volts) + ": the board is not powered, or the "
                                                                             "ST-Link's target-voltage pin (3.3V/VAPP) is "
                                                                             "not connected to it"
                                            : "reads " + volts_text(volts) + ", below the " + volts_text(minimum) +
                                                  " the STM32F1 needs (DS5319: VDD 2.0 to 3.6 V): the supply is browning "
                                                  "out or overloaded";
    return Error(ErrorKind::LowVoltage,
                 "the target's debug port does not answer and its voltage " + reading + " (" + symptom.what() + ")",
                 "power the board (USB or the ST-Link's 3.3V pin), check that 3.3 V reaches the SWD header, and "
                 "connect the board's 3.3V to the ST-Link's target-voltage pin");
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

bool is_usb_failure(ErrorKind kind)
{
    return kind == ErrorKind::UsbIo || kind == ErrorKind::UsbTimeout || kind == ErrorKind::UsbGone;
}

bool is_retryable(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::TargetNotResponding:
    case ErrorKind::TargetFault:
    case ErrorKind::LinkNoise:
    case ErrorKind::LowVoltage:  // a brownout may pass; a power cycle may cure it
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
    const bool measured = probe_.features().target_voltage;
    if (measured) c.voltage = probe_.target_voltage();
    const uint32_t khz = is_slow(strategy) ? options_.slow_swd_khz : options_.swd_khz;
    c.swd_khz = (probe_.features().swd_set_freq || probe_.features().com_freq) ? probe_.set_swd_frequency(khz)
                                                                               : probe_.swd_frequency_khz();
    // After a power cycle, attach the way the mode asks for (under reset unless plain-only).
    const bool reset_first =
        is_under_reset(strategy) ||
        (strategy == Strategy::PowerCycle && options_.mode != ConnectMode::Plain && options_.nrst_wired != false);
    arm::CortexM core(probe_, clock_);
    try {
        if (reset_first) {
            attach_under_reset(core, c);
        } else {
            probe_.enter_swd();
            if (nrst_may_be_asserted_) {
                // An earlier attempt lost the link while holding NRST: let the chip out first.
                probe_.drive_nrst(stlink::NrstLevel::High);
                nrst_may_be_asserted_ = false;
            }
            c.dpidr = read_dpidr();
            probe_.init_ap(0);
            // Attaching must not change what the core does: a core the suite halted stays halted
            // (writing C_DEBUGEN alone would clear C_HALT and let it run).
            const arm::CoreStatus found = core.status();
            c.reset_seen = found.reset_seen();
            if (held_in_reset(core, found)) {
                // Someone holds the board's RESET button (the remedy for firmware that takes
                // the SWD pins): catch the core at the reset vector as it is let go.
                wait_for_reset_release(core, options_.note);
                c.core_halted = true;
            } else {
                core.enable_debug(found.halted());
                if (options_.halt) {
                    core.halt();
                    c.core_halted = true;
                }
            }
        }
    } catch (const Error& e) {
        if (measured && c.voltage < options_.min_voltage && e.kind() == ErrorKind::TargetNotResponding)
            throw low_voltage(c.voltage, options_.min_voltage, e);
        throw;
    }
    c.target = detect_target(c.dpidr);
    if (c.target.is_cortex_m3_or_m4()) probe_.set_tar_block(4096);
    target::check_declared_target(c.target, options_.declared_target);
    core.enable_low_power_debug();
    c.dbgmcu_cr_before = core.dbgmcu_cr_before().value_or(0);
    return c;
}

// Lines that float read all zeros or all ones: nobody answered.
uint32_t Connector::read_dpidr()
{
    const uint32_t dpidr = probe_.read_dpidr();
    if (dpidr == 0 || dpidr == 0xFFFFFFFF) {
        throw Error(ErrorKind::TargetNotResponding,
                    "the target's SWD IDCODE reads " + hex(dpidr) + ": nothing answers on SWD", "check wiring and power");
    }
    return dpidr;
}

void Connector::attach_under_reset(arm::CortexM& core, Connection& c)
{
    // Whatever fails from here on, NRST is let go: a chip left in reset would make the next
    // attempt (or the tests) talk to a board that does not run.
    arm::ResetLineGuard line(probe_, &nrst_may_be_asserted_);
    probe_.enter_swd_under_reset();
    c.dpidr = read_dpidr();
    probe_.init_ap(0);
    // Halt at the reset vector before the firmware can lock SWD out again.
    core.enable_debug();
    probe_.write_word(arm::addr::kDhcsr, arm::dhcsr::kKey | arm::dhcsr::kDebugEn | arm::dhcsr::kHalt);
    probe_.write_word(arm::addr::kDemcr, arm::demcr::kTrcEna | arm::demcr::kVcCoreReset);
    core.status();  // clear the sticky S_RESET_ST from before
    if (options_.note && options_.nrst_wired != true) {
        options_.note("release the board's RESET button now, if you are holding it (the core halts as it leaves reset)");
    }
    line.release();
    nrst_may_be_asserted_ = false;
    arm::CoreStatus s;
    const auto deadline = clock_.now() + std::chrono::milliseconds(100);
    while (true) {
        s = core.status();
        c.nrst_effective = c.nrst_effective || s.reset_seen();
        if (s.halted() || clock_.now() >= deadline) break;
        clock_.sleep_for(std::chrono::milliseconds(1));
    }
    if (!s.halted() && held_in_reset(core, s)) {
        // NRST is let go, yet the chip stays in reset: the person holds the RESET button (told
        // above to let go). The catch is still armed; wait for the release.
        wait_for_reset_release(core, {});
        s = core.status();
    }
    probe_.write_word(arm::addr::kDemcr, arm::demcr::kTrcEna);
    if (!s.halted()) core.halt();
    c.core_halted = true;
}

void Connector::wait_for_reset_release(arm::CortexM& core, const std::function<void(const std::string&)>& note)
{
    if (halt_as_reset_ends(core, clock_, {options_.reset_release_window, std::chrono::milliseconds(10), note})) return;
    stayed_in_reset_ = true;
    throw stayed_in_reset_error(options_.reset_release_window);
}

target::DetectedTarget Connector::detect_target(uint32_t dpidr)
{
    // One corrupted read must not end the connection as "wrong target" (never retried) nor give
    // the programmer a wrong flash size: the IDs are read until two readings agree.
    struct Reading {
        std::optional<target::DetectedTarget> target;
        std::optional<Error> error;
        target::TargetIds ids() const { return target ? target->ids : target::TargetIds{}; }
    };
    const auto read = [&] {
        Reading r;
        try {
            r.target = target::detect(probe_, dpidr);
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::WrongTarget) throw;
            r.error = e;
        }
        return r;
    };
    const auto agree = [](const Reading& a, const Reading& b) {
        return a.target.has_value() == b.target.has_value() && same_ids(a.ids(), b.ids());
    };
    std::vector<Reading> readings{read(), read()};
    if (!agree(readings[0], readings[1])) {
        readings.push_back(read());
        if (agree(readings[2], readings[0])) readings.erase(readings.begin() + 1);
        else if (!agree(readings[2], readings[1])) {
            throw Error(ErrorKind::LinkNoise,
                        "the chip's ID registers read differently three times in a row (DBGMCU_IDCODE " +
                            hex(readings[0].ids().dbgmcu_idcode) + ", " + hex(readings[1].ids().dbgmcu_idcode) +
                            ", " + hex(readings[2].ids().dbgmcu_idcode) + "): the SWD link corrupts data",
                        "use shorter SWD wires with a good ground, or a slower SWD clock (--speed 480)");
        }
    }
    detected_ids_ = readings[0].ids();
    if (readings[0].error) throw *readings[0].error;
    return *readings[0].target;
}

bool Connector::worth_another_attempt(const Error& e, std::optional<target::TargetIds>& wrong_target)
{
    if (stayed_in_reset_) return false;  // nobody let go of the RESET button: the next attempt waits in vain too
    if (e.kind() != ErrorKind::WrongTarget) return is_retryable(e.kind());
    // Two agreeing reads can still both be wrong when noise corrupted what the ST-Link caches
    // (the AP's CSW): a fresh attempt sets that up again. The same chip twice is the answer.
    const bool same_chip_again = wrong_target && same_ids(*wrong_target, detected_ids_);
    wrong_target = detected_ids_;
    return !same_chip_again;
}

void Connector::announce(std::size_t index, std::size_t count, Strategy strategy, const std::vector<Error>& errors)
{
    if (!options_.note) return;
    const uint32_t khz = is_slow(strategy) ? options_.slow_swd_khz : options_.swd_khz;
    std::string line = index == 0 ? "connecting: " : "attempt " + std::to_string(index + 1) + " of " + std::to_string(count) + ": ";
    switch (strategy) {
    case Strategy::Plain:
    case Strategy::SlowClock: line += "attaching"; break;
    case Strategy::UnderReset:
    case Strategy::SlowClockUnderReset: line += "attaching under reset (NRST held)"; break;
    case Strategy::PowerCycle: line += "power-cycling the board (" + options_.power_cycle->describe() + "), then attaching"; break;
    }
    line += " at " + std::to_string(khz) + " kHz SWD";
    if (!errors.empty()) line += " (the last attempt: " + std::string(hiltest::to_string(errors.back().kind())) + ")";
    const bool resets = is_under_reset(strategy) || (strategy == Strategy::PowerCycle && options_.nrst_wired != false &&
                                                     options_.mode != ConnectMode::Plain);
    if (resets && options_.nrst_wired != true)
        line += "; if the ST-Link's RST pin is not wired to the board, hold the board's RESET button now";
    else if (index == 0 && options_.nrst_wired != true)
        line += " (holding the board's RESET button? keep holding it until hiltest says to release it)";
    options_.note(line);
}

Connection Connector::connect(const ConnectContext& context)
{
    statistics_.begin_connect();
    stayed_in_reset_ = false;
    const auto started = clock_.now();
    const std::vector<Strategy> steps = plan();
    std::vector<Error> errors;
    Duration backoff{0};
    std::size_t next = 0;  // the strategy to try; a USB failure tries the same one again
    std::optional<target::TargetIds> wrong_target;  // the IDs of a chip found to be the wrong one
    for (std::size_t n = 0; n < steps.size(); ++n) {
        if (n > 0) {
            backoff = backoff_.next();
            if (clock_.now() + backoff - started > options_.retry.max_total) break;
            clock_.sleep_for(backoff);
        }
        const Strategy strategy = steps[next];
        announce(n, steps.size(), strategy, errors);
        AttemptRecord record;
        record.strategy = strategy;
        record.backoff_before = backoff;
        record.usb_reset_before = need_usb_reset_;
        record.test = context.test;
        record.step = context.step;
        const auto attempt_start = clock_.now();
        try {
            Connection c = attempt(strategy);
            record.succeeded = true;
            record.swd_khz = c.swd_khz;
            record.duration = clock_.now() - attempt_start;
            // Only a reconnect can restart firmware that was running under a test; at the start
            // of a run a power-on reset seen on attaching is no news.
            record.target_reset = !context.test.empty() && c.target_was_reset();
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
            need_usb_reset_ = is_usb_failure(e.kind());
            if (!worth_another_attempt(e, wrong_target)) break;
            // The dongle failed, not this way of attaching: it gets the same strategy again
            // after its reset, so a success is credited to what really worked.
            if (!need_usb_reset_) next = std::min(next + 1, steps.size() - 1);
        }
    }
    statistics_.record_gave_up();
    give_up(errors);
}

}  // namespace hiltest::probe::connect
