// expect_exit: the firmware's own verdict, its semihosting exit (SYS_EXIT or SYS_EXIT_EXTENDED).
// The step lets the firmware run, servicing its semihosting calls, until it exits or the step's
// time is up. An exit the firmware made earlier in this run still counts: the host keeps it until
// the firmware next starts (SemihostingService::firmware_restarted at flash, reset and a connect
// that reset the target), so a test that continues from a finished firmware sees its verdict.
// A link lost on the way is the probe's hiltest::Error and goes to StepRecovery like any step's.
#include "arch/armv7m/semihosting.hpp"
#include "arch/armv7m/semihosting_exit.hpp"
#include "probe/base/hex.hpp"
#include "runner/session/step_executor.hpp"

namespace hiltest::session {
namespace {

using std::chrono::milliseconds;

// Output shown when the firmware did not exit: its last line is what says where it got to.
constexpr std::size_t kShownOutput = 200;

std::string last_printed(std::string_view output)
{
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.remove_suffix(1);
    if (output.empty()) return "it printed nothing through semihosting";
    const std::size_t line_start = output.find_last_of('\n');
    std::string_view line = line_start == std::string_view::npos ? output : output.substr(line_start + 1);
    if (line.size() > kShownOutput) line = line.substr(line.size() - kShownOutput);
    return "it last printed \"" + std::string(line) + "\"";
}

}  // namespace

void StepExecutor::expect_exit(const suite::Step& step, const suite::ExpectExitStep& action, reports::StepResult& result)
{
    probe::arm::SemihostingService& semihosting = context_.semihosting;
    Clock& clock = context_.core.clock();
    const auto deadline = clock.now() + step.timeout;
    while (!semihosting.exit_code() && clock.now() < deadline)
        let_target_run(milliseconds(20));

    result.expected = suite::to_string(action);
    const std::optional<int> status = semihosting.exit_code();
    if (!status) {
        const bool halted = context_.core.status().halted();
        result.measured = halted ? "halted, not exited" : "still running";
        result.measurements["exited"] = false;
        const std::string state =
            halted ? "the core is halted at pc " + hex(context_.core.read_register(probe::arm::CoreRegister::PC)) +
                         " (not a semihosting exit)"
                   : "it is still running";
        result.status = reports::Status::Failed;
        result.message = "the firmware did not exit through semihosting within " + std::to_string(step.timeout.count()) +
                         " ms, expected " + result.expected + ": " + state + "; " + last_printed(context_.outputs.run_text("semihosting"));
        return;
    }
    const std::optional<uint32_t> reason = semihosting.exit_reason();
    result.measured = armv7m::semihosting::describe_exit(*status, reason);
    result.measurements["exited"] = true;
    result.measurements["exit_status"] = *status;
    if (reason) {
        result.measurements["exit_reason"] = hex(*reason, 1);
        if (const auto name = armv7m::semihosting::exit_reason_name(*reason)) result.measurements["exit_reason_name"] = std::string(*name);
    }
    const bool reason_matches = reason == action.reason;
    const bool status_matches = action.reason != armv7m::semihosting::kApplicationExit ||
                                static_cast<uint32_t>(*status) == action.status;
    if (!reason_matches || !status_matches) {
        result.status = reports::Status::Failed;
        result.message = "the firmware exited with " + result.measured + ", expected " + result.expected;
    }
}

}  // namespace hiltest::session
