#include "runner/session/test_plan.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "probe/base/error.hpp"
#include "runner/session/shard_plan.hpp"

namespace hiltest::session {
namespace {

// The matching tests and, transitively, every test they depend on.
std::set<std::string> with_dependencies(const suite::Suite& suite, const std::string& filter)
{
    std::map<std::string, const suite::Test*> by_name;
    for (const suite::Test& test : suite.tests) by_name[test.name] = &test;
    std::set<std::string> selected;
    std::vector<const suite::Test*> pending;
    for (const suite::Test& test : suite.tests)
        if (fnmatch(filter.c_str(), test.name.c_str(), 0) == 0) pending.push_back(&test);
    while (!pending.empty()) {
        const suite::Test* test = pending.back();
        pending.pop_back();
        if (!selected.insert(test->name).second) continue;
        for (const std::string& dependency : test->depends_on)
            if (const auto found = by_name.find(dependency); found != by_name.end()) pending.push_back(found->second);
    }
    return selected;
}

std::string test_names(const suite::Suite& suite)
{
    std::string names;
    for (const suite::Test& test : suite.tests) names += (names.empty() ? "'" : ", '") + test.name + "'";
    return names;
}

}  // namespace

TestPlan plan_tests(const suite::Suite& suite, const TestSelection& selection)
{
    const std::set<std::string> matching = with_dependencies(suite, selection.filter);
    if (matching.empty() && !suite.tests.empty()) {
        throw Error(ErrorKind::Usage, "no test of suite '" + suite.name + "' matches --filter '" + selection.filter + "'",
                    "the suite's tests are " + test_names(suite) + "; --filter takes a glob such as 'blink*'");
    }
    const std::set<std::string> share = tests_in_shard(suite, selection.shard_index, selection.shard_count);
    TestPlan plan;
    plan.rounds = std::max(1u, selection.repeat);
    for (const suite::Test& test : suite.tests)
        if (matching.count(test.name) && share.count(test.name)) plan.tests.push_back(&test);
    // An empty shard is fine: a CI matrix may have more shards than the suite has test groups.
    return plan;
}

void check_board_provides(const TestPlan& plan, const BoardStimulus* stimulus, bool has_logic_analyser)
{
    for (const suite::Test* test : plan.tests) {
        if (!test->skip_reason.empty()) continue;
        for (const suite::Step& step : test->steps) {
            const std::string where = step.location.to_string() + ": test '" + test->name + "' has ";
            const auto* blink = std::get_if<suite::ExpectBlinkStep>(&step.action);
            if (blink && blink->sampler == suite::ExpectBlinkStep::Sampler::LogicAnalyser && !has_logic_analyser) {
                throw Error(ErrorKind::SuiteInvalid,
                            where + "an expect_blink step with \"sampler\": \"logic_analyser\"; only the "
                                    "simulated board has a logic analyser",
                            "run the suite on the simulated board (--probe sim), use \"sampler\": \"probe\" "
                            "(blinks up to 250 Hz), or leave the test out with --filter");
            }
            const std::string_view kind = step.kind();
            if (!suite::is_stimulus_kind(kind) || (stimulus && stimulus->provides(kind))) continue;
            const std::string name(kind);
            throw Error(ErrorKind::SuiteInvalid,
                        where + "a \"" + name + "\" step, which this board cannot carry out: a real board does it "
                                "only through a \"" + name + "\" hook in the bench file",
                        "give the board a \"" + name + "\" hook (docs/bench-format.md, \"Stimulus hooks\"), run the "
                        "suite on the simulated board (--probe sim), or leave the test out with --filter");
        }
    }
}

// The channel a step reads (or, rtt_send, writes), if any.
std::optional<suite::OutputChannel> channel_used_by(const suite::Step& step)
{
    if (const auto* output = std::get_if<suite::ExpectOutputStep>(&step.action)) return output->source;
    if (const auto* tests = std::get_if<suite::RunTestsStep>(&step.action)) return tests->source;
    if (const auto* send = std::get_if<suite::RttSendStep>(&step.action)) return "rtt" + std::to_string(send->channel);
    return std::nullopt;
}

bool suite_uses_rtt(const suite::Suite& suite)
{
    for (const suite::Test& test : suite.tests)
        for (const suite::Step& step : test.steps)
            if (const auto channel = channel_used_by(step); channel && channel->starts_with("rtt")) return true;
    return false;
}

void check_channels_carried(const TestPlan& plan, const std::function<bool(std::string_view)>& carries)
{
    for (const suite::Test* test : plan.tests) {
        if (!test->skip_reason.empty()) continue;
        for (const suite::Step& step : test->steps) {
            const std::optional<suite::OutputChannel> channel = channel_used_by(step);
            if (!channel || carries(*channel)) continue;
            const bool uart = channel->starts_with("uart");
            throw Error(ErrorKind::SuiteInvalid,
                        step.location.to_string() + ": test '" + test->name + "' uses the output channel \"" + *channel +
                            "\", which this board does not have" +
                            (uart ? ": on a real board hiltest reads a USART through a serial port the bench file or suite names" : ""),
                        uart ? "name the serial port wired to the board's " + *channel + " (\"uart\": {\"port\": \"/dev/ttyUSB0\", \"baud\": 115200" +
                                   (*channel == "uart1" ? "" : ", \"usart\": " + channel->substr(4)) +
                                   "} in the suite or the bench file's board), "
                                   "run on the simulated board (--probe sim), or leave the test out with --filter"
                             : "read \"semihosting\", a \"uartN\" the board has, or \"rtt\"");
        }
    }
}

}  // namespace hiltest::session
