#include "runner/suite/step_parser.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <cmath>

#include "arch/armv7m/fault_status.hpp"
#include "probe/base/error.hpp"
#include "runner/suite/blink_step_parser.hpp"
#include "runner/suite/exit_step_parser.hpp"
#include "runner/suite/output_step_parser.hpp"
#include "runner/suite/stimulus_step_parser.hpp"
#include "runner/suite/suggest.hpp"

namespace hiltest::suite {

namespace {

const std::vector<std::string_view> kRegisters = {
    "r0",  "r1",  "r2", "r3", "r4", "r5",   "r6",  "r7",      "r8",      "r9",       "r10",
    "r11", "r12", "sp", "lr", "pc", "xpsr", "msp", "psp", "primask", "basepri", "faultmask", "control"};

// The fault status bits a Cortex-M3 can report as a cause (CFSR: MMFSR, BFSR, UFSR; HFSR).
const std::vector<std::string_view>& fault_causes()
{
    static const std::vector<std::string_view> causes = armv7m::cortex_m3_fault_causes();
    return causes;
}

const std::vector<std::string_view> kCommonKeys = {"do", "name", "timeout_ms"};

// The keys of each step kind besides the common ones (docs/suite.schema.json lists the same;
// SuiteDocs tests keep them in step).
const std::map<std::string, std::vector<std::string_view>, std::less<>>& step_keys()
{
    static const std::map<std::string, std::vector<std::string_view>, std::less<>> keys = {
        {"flash", {"verify", "unlock"}},
        {"reset", {"mode"}},
        {"halt", {}},
        {"resume", {}},
        {"step", {"count"}},
        {"wait", {"ms"}},
        {"run_until", {"address", "symbol", "offset"}},
        {"write", {"address", "symbol", "offset", "register", "width", "value"}},
        {"set_pin", {"pin", "level"}},
        {"uart_send", {"port", "text", "hex"}},
        {"set_analog", {"pin", "volts"}},
        {"expect_memory",
         {"address", "symbol", "offset", "width", "equals", "mask", "min", "max", "changes", "interval_ms"}},
        {"expect_register", {"register", "equals", "mask", "min", "max"}},
        {"expect_pin", {"pin", "level"}},
        {"expect_blink",
         {"pin", "frequency_hz", "tolerance_percent", "duty_percent", "duty_tolerance_percent", "max_frequency_hz",
          "window_ms", "sampler"}},
        {"expect_output", {"source", "channel", "contains", "matches", "lines", "not_contains"}},
        {"expect_fault", {"fault", "cause"}},
        {"expect_exit", {"status", "reason"}},
        {"run_tests", {"format", "source", "channel", "select"}},
        {"rtt_send", {"channel", "text", "hex"}},
    };
    return keys;
}

// A key this kind does not take but another kind does is usually a step written with the wrong
// "do"; say so instead of only listing the allowed keys.
void reject_keys_of_other_kinds(const Node& node, const std::string& kind)
{
    const auto& own = step_keys().at(kind);
    for (const auto& item : node.json().items()) {
        const std::string& key = item.key();  // a named copy: clang 14 cannot capture structured bindings
        const auto is = [&](std::string_view name) { return name == key; };
        if (std::any_of(kCommonKeys.begin(), kCommonKeys.end(), is) || std::any_of(own.begin(), own.end(), is)) {
            continue;
        }
        std::vector<std::string_view> owners;
        for (std::string_view other : step_kinds()) {
            const auto& keys = step_keys().find(other)->second;
            if (std::any_of(keys.begin(), keys.end(), is)) {
                owners.push_back(other);
            }
        }
        if (owners.empty()) {
            continue;  // a plain unknown key: ObjectNode reports it with "did you mean"
        }
        std::vector<std::string_view> allowed = kCommonKeys;
        allowed.insert(allowed.end(), own.begin(), own.end());
        const std::string path = member_path(node.path(), key);
        throw_suite_error(node.context(), node.context().positions.key(path), path,
                          "step \"" + kind + "\" takes no key \"" + key + "\" (that is a key of " +
                              join_alternatives(owners) + "); allowed keys: " + join_alternatives(allowed));
    }
}

std::string lowercase(std::string text)
{
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

// [A-Za-z_.$][A-Za-z0-9_.$:]*, the characters toolchains put in C and C++ symbol names.
bool is_symbol_name(std::string_view name)
{
    const auto allowed = [](char c, bool first) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '$';
        return letter || (!first && ((c >= '0' && c <= '9') || c == ':'));
    };
    if (name.empty()) {
        return false;
    }
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (!allowed(name[i], i == 0)) {
            return false;
        }
    }
    return true;
}

std::vector<std::string_view> with_common(std::vector<std::string_view> keys)
{
    keys.insert(keys.begin(), kCommonKeys.begin(), kCommonKeys.end());
    return keys;
}

class StepParser {
public:
    StepParser(const Node& node, const Suite& suite, std::string kind)
        : node_(node), suite_(suite), kind_(std::move(kind))
    {
    }

    ObjectNode object() const
    {
        return ObjectNode(node_, with_common(step_keys().at(kind_)), "step \"" + kind_ + "\"");
    }

    MemoryLocation parse_location(const ObjectNode& object, unsigned width) const
    {
        MemoryLocation location;
        const std::string_view which = object.require_one_of({"address", "symbol"});
        const Node value = object.require(which);
        if (which == "address") {
            location.address = value.as_u32();
            if (*location.address % (width / 8) != 0) {
                value.fail("address is not aligned for a " + std::to_string(width) +
                           "-bit access; use an address that is a multiple of " + std::to_string(width / 8));
            }
            if (object.has("offset")) {
                const Node offset = *object.get("offset");
                offset.fail("\"offset\" applies only to \"symbol\"; add it to the address instead");
            }
        } else {
            location.symbol = value.as_nonempty_string();
            if (!is_symbol_name(location.symbol)) {
                value.fail_expected("an ELF symbol name such as \"uptime_ms\"");
            }
            if (auto offset = object.get("offset")) {
                location.offset = offset->as_u32();
            }
        }
        return location;
    }

    unsigned parse_width_or_default(const ObjectNode& object) const
    {
        if (auto width = object.get("width")) {
            return parse_width(*width);
        }
        return suite_.defaults.memory_width;
    }

    std::string parse_register(const Node& node) const
    {
        std::string name = lowercase(node.as_nonempty_string());
        if (name == "r13") {
            name = "sp";
        } else if (name == "r14") {
            name = "lr";
        } else if (name == "r15") {
            name = "pc";
        }
        for (std::string_view known : kRegisters) {
            if (name == known) {
                return name;
            }
        }
        const std::string suggestion = closest_match(name, kRegisters);
        node.fail("expected a core register (r0-r12, sp, lr, pc, xpsr, msp, psp, primask, basepri, faultmask, "
                  "control), got " + describe_value(node.json()) +
                  (suggestion.empty() ? std::string() : " (did you mean \"" + suggestion + "\"?)"));
    }

    std::uint32_t value_fitting(const Node& node, unsigned width) const
    {
        const std::uint32_t value = node.as_u32();
        if (width < 32 && value >> width != 0) {
            node.fail("value " + describe_value(node.json()) + " does not fit in " + std::to_string(width) + " bits");
        }
        return value;
    }

    // equals [+ mask] | min/max; the keys must be allowed by the object.
    std::variant<Equals, InRange> parse_value_condition(const ObjectNode& object, unsigned width,
                                                        bool allow_changes) const
    {
        const bool has_equals = object.has("equals");
        const bool has_range = object.has("min") || object.has("max");
        const bool has_changes = allow_changes && object.has("changes");
        const int conditions = int(has_equals) + int(has_range) + int(has_changes);
        if (conditions != 1) {
            const std::string choices = allow_changes ? "\"equals\" (optionally with \"mask\"), \"min\"/\"max\" or "
                                                        "\"changes\""
                                                      : "\"equals\" (optionally with \"mask\") or \"min\"/\"max\"";
            node_.fail(std::string(conditions == 0 ? "needs" : "takes exactly one condition:") + " " + choices);
        }
        if (object.has("mask") && !has_equals) {
            object.get("mask")->fail("\"mask\" applies only together with \"equals\"");
        }
        if (has_equals) {
            Equals equals;
            equals.value = value_fitting(*object.get("equals"), width);
            if (auto mask = object.get("mask")) {
                equals.mask = value_fitting(*mask, width);
            } else if (width < 32) {
                equals.mask = (1u << width) - 1;
            }
            return equals;
        }
        InRange range;
        range.max = width < 32 ? (1u << width) - 1 : 0xFFFFFFFFu;
        if (auto min = object.get("min")) {
            range.min = value_fitting(*min, width);
        }
        if (auto max = object.get("max")) {
            range.max = value_fitting(*max, width);
            if (range.max < range.min) {
                max->fail_expected("a value >= min (" + std::to_string(range.min) + ")");
            }
        }
        return range;
    }

    Pin parse_pin(const Node& node) const
    {
        const std::string text = node.as_nonempty_string();
        return parse_pin_name(text, [&](const std::string& message) { node.fail(message); });
    }

    StepAction parse_action(Milliseconds& inherent_duration) const
    {
        if (kind_ == "flash") {
            const ObjectNode o = object();
            if (!suite_.firmware) {
                node_.fail("a \"flash\" step needs \"firmware\" at the top level of the suite");
            }
            FlashStep step;
            if (auto verify = o.get("verify")) {
                step.verify = verify->as_bool();
            }
            if (auto unlock = o.get("unlock")) {
                step.unlock = unlock->as_bool();
            }
            return step;
        }
        if (kind_ == "reset") {
            const ObjectNode o = object();
            ResetStep step;
            if (auto mode = o.get("mode")) {
                step.mode = mode->as_choice({"run", "halt"}) == "halt" ? ResetStep::Mode::Halt : ResetStep::Mode::Run;
            }
            return step;
        }
        if (kind_ == "halt") {
            object();
            return HaltStep{};
        }
        if (kind_ == "resume") {
            object();
            return ResumeStep{};
        }
        if (kind_ == "step") {
            const ObjectNode o = object();
            SingleStep step;
            if (auto count = o.get("count")) {
                step.count = count->as_unsigned(1, 1000000);
            }
            return step;
        }
        if (kind_ == "wait") {
            const ObjectNode o = object();
            WaitStep step;
            step.duration = o.require("ms").as_milliseconds(0);
            inherent_duration = step.duration;
            return step;
        }
        if (kind_ == "run_until") {
            const ObjectNode o = object();
            RunUntilStep step;
            step.location = parse_location(o, 16);  // a Thumb instruction address is halfword aligned
            return step;
        }
        if (kind_ == "write") {
            const ObjectNode o = object();
            WriteStep step;
            const std::string_view target = o.require_one_of({"address", "symbol", "register"});
            if (target == "register") {
                if (o.has("width")) {
                    o.get("width")->fail("\"width\" applies to memory writes; core registers are 32 bits");
                }
                step.core_register = parse_register(*o.get("register"));
                step.value = o.require("value").as_u32();
            } else {
                step.width = parse_width_or_default(o);
                step.memory = parse_location(o, step.width);
                step.value = value_fitting(o.require("value"), step.width);
            }
            return step;
        }
        if (kind_ == "expect_memory") {
            const ObjectNode o = object();
            ExpectMemoryStep step;
            step.width = parse_width_or_default(o);
            step.location = parse_location(o, step.width);
            if (o.has("interval_ms") && !o.has("changes")) {
                o.get("interval_ms")->fail("\"interval_ms\" applies only together with \"changes\"");
            }
            if (o.has("changes") && !o.has("equals") && !o.has("min") && !o.has("max") && !o.has("mask")) {
                ChangesOverTime changes;
                const std::string direction = o.get("changes")->as_choice({"any", "increases", "decreases"});
                changes.direction = direction == "increases"   ? ChangesOverTime::Direction::Increases
                                    : direction == "decreases" ? ChangesOverTime::Direction::Decreases
                                                               : ChangesOverTime::Direction::Any;
                changes.interval = suite_.defaults.changes_interval;
                if (auto interval = o.get("interval_ms")) {
                    changes.interval = interval->as_milliseconds(1);
                }
                inherent_duration = changes.interval;
                step.condition = changes;
            } else {
                const auto condition = parse_value_condition(o, step.width, true);
                if (const auto* equals = std::get_if<Equals>(&condition)) {
                    step.condition = *equals;
                } else {
                    step.condition = std::get<InRange>(condition);
                }
            }
            return step;
        }
        if (kind_ == "set_pin") return parse_set_pin(object());
        if (kind_ == "uart_send") return parse_uart_send(object());
        if (kind_ == "set_analog") return parse_set_analog(object());
        if (kind_ == "expect_register") {
            const ObjectNode o = object();
            ExpectRegisterStep step;
            step.core_register = parse_register(o.require("register"));
            step.condition = parse_value_condition(o, 32, false);
            return step;
        }
        if (kind_ == "expect_pin") {
            const ObjectNode o = object();
            ExpectPinStep step;
            step.pin = parse_pin(o.require("pin"));
            step.level = o.require("level").as_choice({"high", "low"}) == "high" ? Level::High : Level::Low;
            return step;
        }
        if (kind_ == "expect_blink") {
            return parse_expect_blink(object(), suite_.defaults, inherent_duration);
        }
        if (kind_ == "expect_output") return parse_expect_output(object());
        if (kind_ == "run_tests") return parse_run_tests(object());
        if (kind_ == "rtt_send") return parse_rtt_send(object());
        if (kind_ == "expect_fault") {
            const ObjectNode o = object();
            ExpectFaultStep step;
            step.hardfault = o.require("fault").as_choice({"none", "hardfault"}) == "hardfault";
            if (auto cause = o.get("cause")) {
                if (!step.hardfault) {
                    cause->fail("\"cause\" applies only to \"fault\": \"hardfault\"");
                }
                std::string upper = cause->as_nonempty_string();
                for (char& c : upper) {
                    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                }
                const std::vector<std::string_view>& causes = fault_causes();
                if (std::find(causes.begin(), causes.end(), upper) == causes.end()) {
                    const std::string suggestion = closest_match(upper, causes);
                    cause->fail("expected a fault status bit name (" + join_alternatives(causes) + "), got " +
                                describe_value(cause->json()) +
                                (suggestion.empty() ? std::string() : " (did you mean \"" + suggestion + "\"?)"));
                }
                step.cause = upper;
            }
            return step;
        }
        if (kind_ == "expect_exit") return parse_expect_exit(object());
        throw Error(ErrorKind::Internal, "step kind \"" + kind_ + "\" has no parser");
    }

private:
    const Node& node_;
    const Suite& suite_;
    std::string kind_;
};

}  // namespace

const std::vector<std::string_view>& step_kinds()
{
    static const std::vector<std::string_view> kinds = {
        "flash",         "reset",         "halt",         "resume",        "step",       "wait",
        "run_until",     "write",         "set_pin",      "uart_send",     "set_analog", "expect_memory",
        "expect_register", "expect_pin", "expect_blink", "expect_output", "expect_fault",
        "expect_exit",   "run_tests",     "rtt_send"};
    return kinds;
}

unsigned parse_width(const Node& node)
{
    if (!node.json().is_number_unsigned() ||
        (node.json() != 8 && node.json() != 16 && node.json() != 32)) {
        node.fail_expected("8, 16 or 32 (bits)");
    }
    return node.json().get<unsigned>();
}

Pin parse_pin_name(std::string_view text, const std::function<void(const std::string&)>& fail)
{
    const std::string name(text);
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    if ((name.size() == 3 || name.size() == 4) && (name[0] == 'P' || name[0] == 'p') && is_digit(name[2]) &&
        (name.size() == 3 || is_digit(name[3]))) {
        const char port = static_cast<char>(std::toupper(static_cast<unsigned char>(name[1])));
        const unsigned number = name.size() == 3 ? unsigned(name[2] - '0')
                                                 : unsigned(name[2] - '0') * 10 + unsigned(name[3] - '0');
        if (port >= 'A' && port <= 'G' && number <= 15) {
            return Pin{port, number};
        }
    }
    nlohmann::json shown = name;
    fail("expected a pin name like \"PC13\" (port A-G, pin 0-15), got " + describe_value(shown));
    throw Error(ErrorKind::Internal, "pin parse failure handler returned");
}

Step parse_step(const Node& node, const Suite& suite)
{
    if (!node.json().is_object()) {
        node.fail_expected("a step object like {\"do\": \"flash\"}");
    }
    const auto found = node.json().find("do");
    if (found == node.json().end()) {
        node.fail("missing required key \"do\" (the step kind: " + join_alternatives(step_kinds()) + ")");
    }
    const Node kind_node(node.context(), *found, member_path(node.path(), "do"));
    const std::string kind = kind_node.as_nonempty_string();
    bool known = false;
    for (std::string_view candidate : step_kinds()) {
        known = known || candidate == kind;
    }
    if (!known) {
        const std::string suggestion = closest_match(kind, step_kinds());
        kind_node.fail("unknown step kind " + describe_value(kind_node.json()) +
                       (suggestion.empty() ? std::string() : " (did you mean \"" + suggestion + "\"?)") +
                       "; expected one of: " + join_alternatives(step_kinds()));
    }

    reject_keys_of_other_kinds(node, kind);
    Step step;
    step.location = node.location();
    Milliseconds inherent_duration{0};
    step.action = StepParser(node, suite, kind).parse_action(inherent_duration);
    if (auto name = node.json().find("name"); name != node.json().end()) {
        step.name = Node(node.context(), *name, member_path(node.path(), "name")).as_string();
    }
    // The timeout counts on top of what the step spends observing by design (wait, window, interval).
    step.timeout = suite.defaults.step_timeout;
    if (auto timeout = node.json().find("timeout_ms"); timeout != node.json().end()) {
        step.timeout = Node(node.context(), *timeout, member_path(node.path(), "timeout_ms")).as_milliseconds(1);
    }
    step.timeout += inherent_duration;
    return step;
}

}  // namespace hiltest::suite
