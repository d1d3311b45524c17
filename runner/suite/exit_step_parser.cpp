#include "runner/suite/exit_step_parser.hpp"

#include <cctype>

#include "arch/armv7m/semihosting.hpp"
#include "arch/armv7m/semihosting_exit.hpp"
#include "runner/suite/suggest.hpp"

namespace hiltest::suite {
namespace {

constexpr std::string_view kReasonPrefix = "ADP_Stopped_";

// "ApplicationExit" for "ADP_Stopped_ApplicationExit": what a suite writes.
std::vector<std::string_view> short_reason_names()
{
    std::vector<std::string_view> names;
    for (const armv7m::semihosting::ExitReason& reason : armv7m::semihosting::exit_reasons()) {
        names.push_back(reason.name.substr(kReasonPrefix.size()));
    }
    return names;
}

// Lowercase without '_', '-' and spaces, and without the ADP_Stopped_ prefix: "application exit",
// "ApplicationExit" and "ADP_Stopped_ApplicationExit" are one name.
std::string normalised_reason(std::string_view text)
{
    std::string folded;
    for (char c : text) {
        if (c != '_' && c != '-' && c != ' ') folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    constexpr std::string_view kFoldedPrefix = "adpstopped";
    if (folded.starts_with(kFoldedPrefix)) folded.erase(0, kFoldedPrefix.size());
    return folded;
}

std::uint32_t parse_reason(const Node& node)
{
    const nlohmann::json& value = node.json();
    if (value.is_number() ||
        (value.is_string() && !value.get<std::string>().empty() && std::isdigit(static_cast<unsigned char>(value.get<std::string>()[0])))) {
        return node.as_u32();
    }
    const std::string typed = normalised_reason(node.as_nonempty_string());
    const std::vector<std::string_view> names = short_reason_names();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (normalised_reason(names[i]) == typed) return armv7m::semihosting::exit_reasons()[i].code;
    }
    const std::string suggestion = closest_match(typed, names);
    node.fail("expected a semihosting exit reason: a number such as 0x20026 or one of " + join_alternatives(names) +
              " (with or without \"ADP_Stopped_\"), got " + describe_value(value) +
              (suggestion.empty() ? std::string() : " (did you mean \"" + suggestion + "\"?)"));
}

}  // namespace

ExpectExitStep parse_expect_exit(const ObjectNode& object)
{
    ExpectExitStep step;
    if (auto reason = object.get("reason")) step.reason = parse_reason(*reason);
    if (auto status = object.get("status")) {
        if (step.reason != armv7m::semihosting::kApplicationExit) {
            status->fail("\"status\" applies only to the reason ApplicationExit: semihosting passes no exit status "
                         "with any other reason");
        }
        step.status = status->as_u32();
    }
    return step;
}

const std::vector<std::string_view>& expect_exit_default_keys()
{
    static const std::vector<std::string_view> keys = {"status", "reason", "timeout_ms"};
    return keys;
}

Step parse_expect_exit_default(const Node& node, const Defaults& defaults)
{
    const ObjectNode object(node, expect_exit_default_keys(), "\"expect_exit\"");
    Step step;
    step.action = parse_expect_exit(object);
    step.location = node.location();
    step.timeout = defaults.step_timeout;
    if (auto timeout = object.get("timeout_ms")) step.timeout = timeout->as_milliseconds(1);
    return step;
}

}  // namespace hiltest::suite
