// The steps that read the target's output channels: expect_output (text appears, in order, or
// never) and run_tests (the firmware's own test run, one result per case). Both let the firmware
// run while they wait, reading every channel (OutputCapture), and look only at what the
// firmware printed since it last started: text from an earlier run is no evidence about this one.
#include <algorithm>
#include <chrono>

#include "arch/armv7m/semihosting_exit.hpp"
#include "probe/arm/fault_status.hpp"
#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"
#include "runner/ontarget/output_parser.hpp"
#include "runner/session/let_run.hpp"
#include "runner/session/output_match.hpp"
#include "runner/session/rtt_source.hpp"
#include "runner/session/step_executor.hpp"

namespace hiltest::session {
namespace {

using reports::Status;
using std::chrono::milliseconds;

// How often a waiting step looks at the text again; the channels are read as often as their
// sources need (let_run).
constexpr milliseconds kLookInterval{20};
constexpr std::size_t kShownOutput = 200;

void fail(reports::StepResult& result, std::string message)
{
    result.status = Status::Failed;
    result.message = std::move(message);
}

std::string shown(std::string_view text)
{
    return text.size() > kShownOutput ? std::string(text.substr(0, kShownOutput)) + "…" : std::string(text);
}

// Stops a listener on every path out of a step.
class Listening {
public:
    Listening(OutputCapture& outputs, OutputReceiver receiver) : outputs_(outputs), id_(outputs.listen(std::move(receiver))) {}
    Listening(const Listening&) = delete;
    Listening& operator=(const Listening&) = delete;
    ~Listening() { outputs_.unlisten(id_); }

private:
    OutputCapture& outputs_;
    OutputCapture::ListenerId id_;
};

Status case_status(ontarget::Outcome outcome)
{
    switch (outcome) {
    case ontarget::Outcome::Passed: return Status::Passed;
    case ontarget::Outcome::Failed: return Status::Failed;
    case ontarget::Outcome::Skipped: return Status::Skipped;
    }
    return Status::Error;
}

reports::OnTargetCase report_case(const ontarget::CaseResult& c)
{
    reports::OnTargetCase out;
    out.suite = c.suite;
    out.name = c.name;
    out.status = case_status(c.outcome);
    out.message = c.message;
    out.file = c.file;
    out.line = c.line.value_or(0);
    out.duration_ms = c.duration_ms;
    return out;
}

std::string where(const reports::OnTargetCase& c)
{
    if (c.file.empty()) return "";
    return " (" + c.file + (c.line > 0 ? ":" + std::to_string(c.line) : "") + ")";
}

}  // namespace

void StepExecutor::expect_output(const suite::Step& step, const suite::ExpectOutputStep& action,
                                 reports::StepResult& result)
{
    const OutputMatch match(action);
    Clock& clock = context_.core.clock();
    const auto deadline = clock.now() + step.timeout;
    OutputMatch::Verdict verdict = match.judge(context_.outputs.run_text(action.source));
    // With something to find, wait until it is there; with only text that must not appear, watch
    // for the whole time. Either way a forbidden text or the firmware's exit ends the wait.
    const auto settled = [&] {
        return !verdict.forbidden.empty() || (match.has_positive() && verdict.found) || context_.semihosting.exit_code();
    };
    while (!settled() && clock.now() < deadline) {
        let_target_run(kLookInterval);
        verdict = match.judge(context_.outputs.run_text(action.source));
    }

    const std::string_view output = context_.outputs.run_text(action.source);
    result.measurements["output_bytes"] = context_.outputs.run_bytes(action.source);
    if (!action.lines.empty()) result.measurements["lines_found"] = verdict.lines_found;
    result.expected = match.expected();
    result.measured = shown(output);
    const std::string channel_text = "the " + action.source + " output since the firmware last started";
    if (!verdict.forbidden.empty()) {
        fail(result, channel_text + " contains \"" + verdict.forbidden + "\", which it must not");
    } else if (!verdict.found) {
        const bool text_missing = !action.text.empty() && verdict.lines_found == action.lines.size();
        if (action.lines.empty() || text_missing)
            fail(result, channel_text + " does not contain the " +
                             std::string(action.match == suite::ExpectOutputStep::Match::Regex ? "pattern" : "text") +
                             " within " + std::to_string(step.timeout.count()) + " ms");
        else
            fail(result, channel_text + " has " + std::to_string(verdict.lines_found) + " of the " +
                             std::to_string(action.lines.size()) + " lines in order within " +
                             std::to_string(step.timeout.count()) + " ms; the first missing is \"" +
                             action.lines[verdict.lines_found] + "\"");
    }
}

void StepExecutor::run_tests(const suite::Step& step, const suite::RunTestsStep& action, reports::StepResult& result)
{
    const auto format = ontarget::output_format_from_string(action.format);
    if (!format) throw Error(ErrorKind::Internal, "run_tests format \"" + action.format + "\" has no parser");
    if (action.select) {
        // The firmware reads its command line when it starts: give it the filter, then start it.
        context_.semihosting.set_command_line(*action.select);
        context_.firmware_restarted();
        context_.core.reset_and_run(probe::arm::ResetMethod::SysResetReq);
    }
    const std::unique_ptr<ontarget::OutputParser> parser = ontarget::make_output_parser(*format);
    parser->feed(context_.outputs.run_text(action.source));
    const bool lost_beginning = context_.outputs.run_bytes(action.source) > context_.outputs.run_text(action.source).size();
    const Listening listening(context_.outputs, [&](std::string_view channel, std::string_view bytes) {
        if (channel == action.source) parser->feed(bytes);
    });

    Clock& clock = context_.core.clock();
    const auto deadline = clock.now() + step.timeout;
    // A firmware that exited or stopped for good prints no more: the run ends there.
    while (!parser->run().finished && clock.now() < deadline) {
        let_target_run(kLookInterval);
        if (target_stopped(context_.core, context_.semihosting)) break;
    }
    parser->end_of_output();
    const ontarget::TestRun& run = parser->run();

    for (const ontarget::CaseResult& c : run.cases) result.cases.push_back(report_case(c));
    // Why the run did not finish, in the user's terms: a fault, an exit, a halt, or silence.
    std::string why_unfinished;
    if (run.incomplete()) {
        const bool halted = context_.core.status().halted();
        const probe::arm::FaultReport fault = probe::arm::read_fault_report(context_.core.target(), halted);
        if (fault.any())
            why_unfinished = "the firmware faulted: " + probe::arm::describe(fault);
        else if (const auto status = context_.semihosting.exit_code())
            why_unfinished = "the firmware exited with " +
                             armv7m::semihosting::describe_exit(*status, context_.semihosting.exit_reason());
        else if (halted)
            why_unfinished = "the core halted at pc " + hex(context_.core.read_register(probe::arm::CoreRegister::PC));
        else
            why_unfinished = "the firmware printed no end of the run within " + std::to_string(step.timeout.count()) +
                             " ms (it hangs, or the step's timeout_ms is too short)";
    }
    if (run.running) {
        reports::OnTargetCase open;
        open.suite = run.running->suite;
        open.name = run.running->name;
        open.status = Status::Error;
        open.file = run.running->file;
        open.line = run.running->line.value_or(0);
        open.message = "started and never finished: " + why_unfinished +
                       (run.running->failed ? "; before that it failed: " + run.running->message : "");
        result.cases.push_back(std::move(open));
    }
    for (const std::string& missing : run.missing) {
        reports::OnTargetCase never;
        never.name = missing;
        never.status = Status::Error;
        never.message = "announced by the plan and never reported";
        result.cases.push_back(std::move(never));
    }

    const reports::CaseCounts counts = reports::count_cases(result.cases);
    result.measurements["cases"] = counts.cases;
    result.measurements["passed"] = counts.passed;
    result.measurements["failed"] = counts.failed;
    result.measurements["skipped"] = counts.skipped;
    result.measurements["errors"] = counts.errors;
    result.measurements["finished"] = run.finished;
    if (!run.summary.lines.empty()) result.measurements["printed_summary"] = run.summary.lines;
    if (!run.notes.empty()) result.measurements["notes"] = run.notes;
    if (lost_beginning) result.measurements["output_capped"] = true;
    if (run.not_kept.total() > 0) {
        result.measurements["cases_not_kept"] = {{"passed", run.not_kept.passed},
                                                 {"failed", run.not_kept.failed},
                                                 {"skipped", run.not_kept.skipped}};
    }
    result.expected = action.format + " run on " + action.source + ", every case passing";
    result.measured = std::to_string(counts.cases) + " cases: " + std::to_string(counts.passed) + " passed, " +
                      std::to_string(counts.failed) + " failed, " + std::to_string(counts.skipped) + " skipped" +
                      (counts.errors ? ", " + std::to_string(counts.errors) + " unfinished" : "");

    const auto first_bad = std::find_if(result.cases.begin(), result.cases.end(), [](const reports::OnTargetCase& c) {
        return c.status == Status::Failed || c.status == Status::Error;
    });
    const std::string not_kept =
        run.not_kept.total() == 0
            ? std::string()
            : "; " + std::to_string(run.not_kept.total()) + " more results past the first " +
                  std::to_string(ontarget::OutputParser::kMaxCases) + " were counted, not kept (" +
                  std::to_string(run.not_kept.failed) + " failed)";
    if (first_bad != result.cases.end()) {
        fail(result, std::to_string(counts.failed + counts.errors) + " of " + std::to_string(counts.cases) +
                         " on-target cases did not pass; first " + first_bad->display_name() + where(*first_bad) + ": " +
                         first_bad->message + not_kept);
    } else if (run.not_kept.failed > 0) {
        fail(result, std::to_string(run.not_kept.failed) + " on-target cases failed" + not_kept);
    } else if (run.incomplete()) {
        fail(result, result.cases.empty() ? "no " + action.format + " test run appeared on " + action.source + ": " + why_unfinished
                                          : "the " + action.format + " run did not finish: " + why_unfinished);
    }
}

void StepExecutor::rtt_send(const suite::Step& step, const suite::RttSendStep& action, reports::StepResult& result)
{
    if (!context_.rtt) throw Error(ErrorKind::Internal, "an rtt_send step ran without the session's RTT channels");
    probe::rtt::RttClient& client = context_.rtt->client();
    Clock& clock = context_.core.clock();
    const auto deadline = clock.now() + step.timeout;
    const std::string_view bytes = action.bytes;
    std::size_t sent = 0;
    // The firmware takes the bytes out of its down-buffer as it runs: write what fits, let it run.
    while (true) {
        if (!client.attached()) context_.outputs.poll();  // a poll finds the control block
        sent += client.send(action.channel, bytes.substr(sent));
        if (sent == bytes.size() || clock.now() >= deadline) break;
        let_target_run(kLookInterval);
    }
    result.measurements["bytes_sent"] = sent;
    result.expected = std::to_string(bytes.size()) + " bytes into RTT down-channel " + std::to_string(action.channel);
    result.measured = std::to_string(sent) + " bytes taken";
    if (!client.attached())
        fail(result, "no RTT control block in the firmware's RAM within " + std::to_string(step.timeout.count()) +
                         " ms (neither at the symbol _SEGGER_RTT nor by its ID \"SEGGER RTT\" in SRAM): the firmware "
                         "has not initialised RTT");
    else if (sent < bytes.size())
        fail(result, "the firmware took " + std::to_string(sent) + " of " + std::to_string(bytes.size()) +
                         " bytes from RTT down-channel " + std::to_string(action.channel) + " within " +
                         std::to_string(step.timeout.count()) + " ms: its buffer stayed full (does it read that channel?)");
}

}  // namespace hiltest::session
