#include "runner/suite/output_step_parser.hpp"

#include "runner/ontarget/output_parser.hpp"
#include "runner/suite/output_pattern.hpp"
#include "runner/suite/stimulus_step_parser.hpp"

namespace hiltest::suite {
namespace {

// "source" (default semihosting) and, for RTT only, "channel" (default 0): the channel's name.
OutputChannel parse_source(const ObjectNode& o)
{
    const std::optional<Node> source = o.get("source");
    const std::string name = source ? source->as_choice(output_source_names()) : std::string("semihosting");
    const std::optional<Node> channel = o.get("channel");
    if (name != "rtt") {
        if (channel) channel->fail("\"channel\" applies only to \"source\": \"rtt\" (the RTT up-channel number)");
        return name;
    }
    return "rtt" + std::to_string(channel ? channel->as_unsigned(0, kMaxRttChannel) : 0u);
}

std::vector<std::string> nonempty_strings(const Node& node)
{
    std::vector<std::string> texts;
    if (node.json().is_string()) {
        texts.push_back(node.as_nonempty_string());
        return texts;
    }
    if (!node.json().is_array()) node.fail_expected("a string or an array of strings");
    for (const Node& item : node.as_nonempty_array()) texts.push_back(item.as_nonempty_string());
    return texts;
}

}  // namespace

const std::vector<std::string_view>& output_source_names()
{
    static const std::vector<std::string_view> names = {"semihosting", "uart1", "uart2", "uart3", "rtt"};
    return names;
}

ExpectOutputStep parse_expect_output(const ObjectNode& o)
{
    ExpectOutputStep step;
    step.source = parse_source(o);
    const std::string_view which = o.at_most_one_of({"contains", "matches"});
    if (!which.empty()) {
        const Node text = o.require(which);
        step.text = text.as_nonempty_string();
        if (which == "matches") {
            step.match = ExpectOutputStep::Match::Regex;
            const OutputPattern pattern(step.text);
            if (!pattern.error().empty()) text.fail("expected a regular expression (RE2 syntax): " + pattern.error());
        }
    }
    if (const auto lines = o.get("lines")) {
        if (!lines->json().is_array()) lines->fail_expected("an array of strings, each expected in a line of its own, in order");
        for (const Node& line : lines->as_nonempty_array()) {
            step.lines.push_back(line.as_nonempty_string());
            if (step.lines.back().find('\n') != std::string::npos) line.fail("a line to look for cannot hold a newline");
        }
    }
    if (const auto absent = o.get("not_contains")) step.not_contains = nonempty_strings(*absent);
    if (step.text.empty() && step.lines.empty() && step.not_contains.empty())
        o.node().fail("expect_output needs what to look for: \"contains\", \"matches\", \"lines\" or \"not_contains\"");
    return step;
}

RttSendStep parse_rtt_send(const ObjectNode& o)
{
    RttSendStep step;
    if (auto channel = o.get("channel")) step.channel = channel->as_unsigned(0, kMaxRttChannel);
    step.bytes = parse_bytes_to_send(o);
    return step;
}

RunTestsStep parse_run_tests(const ObjectNode& o)
{
    RunTestsStep step;
    std::vector<std::string_view> formats;
    for (const ontarget::OutputFormat format : ontarget::output_formats()) formats.push_back(ontarget::to_string(format));
    step.format = o.require("format").as_choice(formats);
    step.source = parse_source(o);
    if (const auto select = o.get("select")) step.select = select->as_string();
    return step;
}

}  // namespace hiltest::suite
