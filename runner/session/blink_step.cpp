// expect_blink: reads the pin's GPIOx_IDR back to back through the probe for the whole window
// while the core runs — as fast as the probe answers (a USB round trip each, about 1 ms on an
// ST-Link/V2), whatever the step expects — then judges the edges (blink_verdict.hpp).
#include <algorithm>
#include <functional>
#include <random>

#include "probe/base/error.hpp"
#include "runner/session/blink_analysis.hpp"
#include "runner/session/blink_verdict.hpp"
#include "runner/session/step_executor.hpp"
#include "runner/session/trace_sampling.hpp"

namespace hiltest::session {
namespace {

// Periodic sampling sees a signal at a multiple of its rate as steady or slow, and edges of a
// blink whose period is a whole number of sample intervals always in the same place. Two seeded
// random delays break that: every sample waits 0–100 µs (uniform), so the sampling phase drifts
// (a level shorter than an interval is caught by one sample, not by none or all); and every 4–12
// samples one waits up to a whole round trip, so the phase starts afresh. Together they cost
// about a tenth of the sample rate.
constexpr Nanoseconds kMaxJitter = std::chrono::microseconds(100);
constexpr unsigned kFewestSamplesPerReshuffle = 4;
constexpr unsigned kMostSamplesPerReshuffle = 12;

// A semihosting call halts the core until the debugger services it. Looking at DHCSR after every
// sample would halve the sample rate, so the sampler looks after 16 samples on average, until the
// firmware makes a call: then it looks at once (firmware prints in bursts) and backs off only to
// every 4 samples, so that firmware that prints while it blinks is not kept halted for up to 16
// reads before each call is serviced (servicing one takes about a dozen round trips itself).
constexpr unsigned kMaxSamplesPerHaltCheck = 16;
constexpr unsigned kMaxSamplesPerHaltCheckOncePrinting = 4;

struct Sampling {
    BlinkAnalyser analyser;
    unsigned halt_checks = 0;
    unsigned semihosting_calls = 0;
    bool core_stopped = false;  // halted for good during the window (breakpoint, SYS_EXIT)
};

// Distinct steps of one run sample at distinct instants; the same run seed repeats them.
uint64_t sampler_seed(uint64_t run_seed, const reports::SourceRef& where)
{
    return run_seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(where.line) * 1000003ull +
           static_cast<uint64_t>(where.column);
}

class PinSampler {
public:
    PinSampler(probe::arm::CortexM& core, probe::arm::SemihostingService& semihosting,
               std::function<bool()> read_pin, uint64_t seed)
        : core_(core),
          semihosting_(semihosting),
          read_pin_(std::move(read_pin)),
          random_(seed),
          start_(core.clock().now())
    {
    }

    Sampling run(Nanoseconds window, const std::atomic<bool>* interrupted)
    {
        Clock& clock = core_.clock();
        const TimePoint end = start_ + window;
        // A halt check and a reshuffle each lengthen the interval they fall in; never two such
        // intervals in a row, so that any two consecutive intervals stay short (the resolution).
        bool lengthened = false;
        while (clock.now() < end) {
            if (interrupted && interrupted->load()) throw Error(ErrorKind::Interrupted, "interrupted");
            take();
            if (until_check_ > 0) --until_check_;
            if (until_reshuffle_ > 0) --until_reshuffle_;
            const bool check = !lengthened && watching_ && until_check_ == 0;
            const bool reshuffle = !lengthened && !check && until_reshuffle_ == 0;
            if (check) check_for_halt();
            if (reshuffle) {
                clock.sleep_for(random_below(last_round_trip_));
                until_reshuffle_ = kFewestSamplesPerReshuffle +
                                   static_cast<unsigned>(random_() % (kMostSamplesPerReshuffle -
                                                                      kFewestSamplesPerReshuffle + 1));
            }
            lengthened = check || reshuffle;
            clock.sleep_for(random_below(kMaxJitter));
        }
        return std::move(result_);
    }

private:
    // The read's round trip brackets the moment the probe read the pin: take its middle.
    TimePoint take()
    {
        Clock& clock = core_.clock();
        const TimePoint before = clock.now();
        const bool level = read_pin_();
        const TimePoint after = clock.now();
        last_round_trip_ = after - before;
        const Nanoseconds time = before - start_ + last_round_trip_ / 2;
        result_.analyser.add({time, level, frozen_});
        frozen_ = Nanoseconds(0);
        return start_ + time;
    }

    void check_for_halt()
    {
        ++result_.halt_checks;
        if (core_.status().halted()) {
            // From the halt until the resume the firmware cannot touch the pin: sample the level
            // the halt froze, and tell the analysis that the time until the resume is frozen.
            const TimePoint frozen_since = take();
            if (semihosting_.service_if_requested() && !semihosting_.exit_code()) {
                ++result_.semihosting_calls;
                frozen_ = core_.clock().now() - frozen_since;
                core_.resume();
                check_every_ = 1;
                most_per_check_ = kMaxSamplesPerHaltCheckOncePrinting;
            } else {
                watching_ = false;
                result_.core_stopped = true;
            }
        } else {
            check_every_ = std::min(2 * check_every_, most_per_check_);
        }
        // At random spacings (same mean): at a fixed one the lengthened intervals would line up
        // with a blink of that period.
        until_check_ = check_every_ / 2 + static_cast<unsigned>(random_() % (check_every_ + 1));
    }

    Nanoseconds random_below(Nanoseconds limit)
    {
        if (limit.count() <= 0) return Nanoseconds(0);
        return Nanoseconds(static_cast<int64_t>(random_() % static_cast<uint64_t>(limit.count() + 1)));
    }

    probe::arm::CortexM& core_;
    probe::arm::SemihostingService& semihosting_;
    std::function<bool()> read_pin_;
    std::mt19937_64 random_;  // the standard fixes its sequence: same seed, same instants
    TimePoint start_;
    Sampling result_;
    Nanoseconds frozen_{0};
    Nanoseconds last_round_trip_{0};
    bool watching_ = true;  // the core may still halt in a semihosting call
    unsigned check_every_ = 1;
    unsigned most_per_check_ = kMaxSamplesPerHaltCheck;
    unsigned until_check_ = 0;
    unsigned until_reshuffle_ = kFewestSamplesPerReshuffle;
};

double milliseconds_of(Nanoseconds duration)
{
    return std::chrono::duration<double, std::milli>(duration).count();
}

}  // namespace

void StepExecutor::expect_blink(const suite::ExpectBlinkStep& action, reports::StepResult& result)
{
    const uint64_t transactions_before = context_.usb_transactions ? context_.usb_transactions() : 0;
    const uint64_t seed = sampler_seed(context_.seed, result.source);
    PinSampler sampler(
        context_.core, context_.semihosting, [&] { return read_pin(action.pin); }, seed);
    const bool logic_analyser = action.sampler == suite::ExpectBlinkStep::Sampler::LogicAnalyser;
    if (logic_analyser && !context_.pins) {
        // The run refuses such a suite on a board without one before it starts; this is the backstop.
        throw Error(ErrorKind::SuiteInvalid, "expect_blink's \"sampler\": \"logic_analyser\" needs the simulated board",
                    "run the suite on the simulated board (--probe sim), or use \"sampler\": \"probe\"");
    }
    // The probe samples either way: that lets the window pass and services semihosting calls.
    const TimePoint start = context_.core.clock().now();
    const Sampling sampling = sampler.run(action.window, context_.interrupted);
    const BlinkMeasurement m =
        logic_analyser ? sample_trace(context_.pins->level_at(action.pin, start),
                                      context_.pins->changes(action.pin, start, start + action.window), start,
                                      action.window)
                       : sampling.analyser.result();

    auto& out = result.measurements;
    out["samples"] = m.samples;
    out["edges"] = m.edges;
    out["sample_interval_mean_ms"] = milliseconds_of(m.mean_interval);
    out["sample_interval_max_ms"] = milliseconds_of(m.longest_interval);
    out["resolution_ms"] = milliseconds_of(m.resolution);
    out["max_measurable_hz"] = m.max_measurable_hz;
    out["single_sample_levels"] = m.single_sample_levels;
    if (logic_analyser) out["logic_analyser_sample_ns"] = kLogicAnalyserPeriod.count();
    else out["sampler_seed"] = seed;
    if (m.frequency_hz) {
        out["frequency_hz"] = *m.frequency_hz;
        out["frequency_error_bound_hz"] = *m.frequency_error_bound_hz;
        out["duty_percent"] = *m.duty_percent;
        out["misfit_ms"] = milliseconds_of(*m.worst_misfit);
        if (!action.max_frequency_hz)
            out["deviation_percent"] = (*m.frequency_hz - action.frequency_hz) / action.frequency_hz * 100.0;
    }
    if (m.shortest_period) out["shortest_period_ms"] = milliseconds_of(*m.shortest_period);
    if (sampling.semihosting_calls) out["semihosting_calls"] = sampling.semihosting_calls;
    if (sampling.core_stopped) out["core_halted"] = true;
    if (context_.usb_transactions)
        out["usb_transactions"] = context_.usb_transactions() - transactions_before;
    if (context_.semihosting.exit_code()) out["exit_code"] = *context_.semihosting.exit_code();

    const BlinkVerdict verdict = judge_blink(action, m);
    result.expected = verdict.expected;
    result.measured = verdict.measured;
    switch (verdict.outcome) {
    case BlinkVerdict::Outcome::Passed: return;
    case BlinkVerdict::Outcome::Failed:
        result.status = reports::Status::Failed;
        result.message = verdict.message;
        if (sampling.core_stopped) result.message += " (the core was halted, not running the firmware)";
        return;
    case BlinkVerdict::Outcome::NotMeasurable:
        // Not the firmware's fault, and no verdict on it: the test is in error.
        throw Error(ErrorKind::Timeout, verdict.message, verdict.remedy);
    }
}

}  // namespace hiltest::session
