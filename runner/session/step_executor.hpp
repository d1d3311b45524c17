#pragma once
// Carries out one suite step on the connected target and says how it went, in the terms of
// the report: status, expected vs measured, measurements.
#include <atomic>
#include <functional>
#include <optional>
#include <string>

#include "probe/arm/cortex_m.hpp"
#include "probe/arm/semihosting.hpp"
#include "probe/flash/flash_progress.hpp"
#include "probe/flash/stm32f1_programmer.hpp"
#include "reports/result.hpp"
#include "runner/session/board_stimulus.hpp"
#include "runner/session/pin_observer.hpp"
#include "runner/session/firmware.hpp"
#include "runner/session/output_capture.hpp"
#include "runner/session/rtt_source.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::session {

struct StepContext {
    probe::arm::CortexM& core;
    probe::arm::SemihostingService& semihosting;
    // Every output channel (semihosting included), polled whenever the target runs.
    OutputCapture& outputs;
    // The firmware is about to start again (flash, reset): every channel begins its new run.
    std::function<void()> firmware_restarted;
    // RTT's channels and down-buffers (rtt_send); nullptr when the suite uses no RTT.
    RttSource* rtt = nullptr;
    // Fetched for each flash step: a reconnect replaces the programmer (session/target_link.hpp).
    std::function<probe::flash::Stm32f1Programmer&()> programmer;
    const std::optional<Firmware>& firmware;
    probe::flash::ProgressCallback flash_progress;
    std::function<uint64_t()> usb_transactions;  // commands the probe has sent so far
    const std::atomic<bool>* interrupted = nullptr;  // SIGINT/SIGTERM: long steps stop early
    uint64_t seed = 0;  // the run's seed (--seed): expect_blink's sampling jitter derives from it
    // set_pin, uart_send, set_analog; nullptr: the board takes no stimulus (a bench board
    // without the hooks; the run refuses such a suite before it starts).
    BoardStimulus* stimulus = nullptr;
    // expect_blink's logic analyser; nullptr: the board has none (only the simulated board has).
    const PinObserver* pins = nullptr;
};

class StepExecutor {
public:
    explicit StepExecutor(StepContext context) : context_(std::move(context)) {}

    // Runs the step; hiltest::Error from the probe propagates (the session records it as an
    // error and decides whether to reconnect). Assertion failures come back as Status::Failed.
    // `repeated`: the step runs again after a reconnect; a run_until whose core already stopped
    // at the address the first time has arrived (running on would pass the address).
    reports::StepResult run(const suite::Step& step, bool repeated = false);

    // Flash statistics of the last flash step, for the report.
    const std::optional<probe::flash::FlashStatistics>& last_flash() const { return last_flash_; }

private:
    void flash(const suite::FlashStep& step, reports::StepResult& result);
    void reset(const suite::ResetStep& step, reports::StepResult& result);
    void wait(std::chrono::milliseconds duration, reports::StepResult& result);
    void run_until(const suite::Step& step, const suite::RunUntilStep& action, bool repeated,
                   reports::StepResult& result);
    void write(const suite::Step& step, const suite::WriteStep& action, reports::StepResult& result);
    void set_pin(const suite::SetPinStep& action, reports::StepResult& result);
    void uart_send(const suite::UartSendStep& action, reports::StepResult& result);
    void set_analog(const suite::SetAnalogStep& action, reports::StepResult& result);
    BoardStimulus& stimulus(std::string_view kind);
    void expect_memory(const suite::Step& step, const suite::ExpectMemoryStep& action, reports::StepResult& result);
    void expect_register(const suite::ExpectRegisterStep& action, reports::StepResult& result);
    void expect_pin(const suite::ExpectPinStep& action, reports::StepResult& result);
    void expect_blink(const suite::ExpectBlinkStep& action, reports::StepResult& result);
    void expect_output(const suite::Step& step, const suite::ExpectOutputStep& action, reports::StepResult& result);
    void expect_fault(const suite::ExpectFaultStep& action, reports::StepResult& result);
    void expect_exit(const suite::Step& step, const suite::ExpectExitStep& action, reports::StepResult& result);

    void run_tests(const suite::Step& step, const suite::RunTestsStep& action, reports::StepResult& result);
    void rtt_send(const suite::Step& step, const suite::RttSendStep& action, reports::StepResult& result);
    // Lets the target run for `duration`, servicing semihosting and reading every output channel.
    void let_target_run(std::chrono::milliseconds duration);

    uint32_t read_memory(uint32_t address, unsigned width);
    bool read_pin(const suite::Pin& pin);
    uint32_t read_named_register(const std::string& name);

    StepContext context_;
    std::optional<probe::flash::FlashStatistics> last_flash_;
};

// "r0".."r12", "sp", "lr", "pc", "xpsr", "msp", "psp", "primask", "basepri", "faultmask", "control".
bool is_known_register(const std::string& name);

}  // namespace hiltest::session
