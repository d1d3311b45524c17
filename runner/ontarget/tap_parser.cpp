#include "runner/ontarget/tap_parser.hpp"

#include <algorithm>
#include <string>

#include "runner/ontarget/text_scan.hpp"

namespace hiltest::ontarget {
namespace {

// Lists of missing tests stop here: a plan of "1..4000000000" from a corrupted line must not
// take the parser's time or memory.
constexpr std::uint64_t max_listed_missing = 1000;
constexpr std::uint64_t max_checked_plan = 1'000'000;

bool starts_with_word(std::string_view text, std::string_view word)
{
    return text.starts_with(word) && (text.size() == word.size() || text[word.size()] == ' ' || text[word.size()] == '\t');
}

bool starts_with_nocase(std::string_view text, std::string_view lower)
{
    if (text.size() < lower.size()) return false;
    for (std::size_t i = 0; i < lower.size(); ++i) {
        const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
        if (c != lower[i]) return false;
    }
    return true;
}

// The description ends at the first '#' not escaped as "\#"; "\\" is a backslash.
struct Split {
    std::string description;
    std::string_view directive;
};
Split split_directive(std::string_view rest)
{
    Split split;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size() && (rest[i + 1] == '#' || rest[i + 1] == '\\')) {
            split.description.push_back(rest[++i]);
        } else if (rest[i] == '#') {
            split.directive = text::trim(rest.substr(i + 1));
            break;
        } else {
            split.description.push_back(rest[i]);
        }
    }
    split.description = std::string(text::trim(split.description));
    return split;
}

// "SKIP reason", "skipped: reason" → "reason".
std::string_view reason_after_word(std::string_view directive)
{
    std::size_t end = 0;
    while (end < directive.size() && directive[end] != ' ' && directive[end] != '\t') ++end;
    std::string_view reason = text::trim(directive.substr(end));
    return reason;
}

}  // namespace

bool TapParser::take_plan(std::string_view line)
{
    if (!line.starts_with("1..")) return false;
    std::string_view rest = line.substr(3);
    const std::size_t end = rest.find_first_not_of("0123456789");
    const auto count = text::parse_count(rest.substr(0, end));
    if (!count) return false;
    const std::string_view after = end == std::string_view::npos ? std::string_view{} : text::trim(rest.substr(end));
    if (!after.empty() && after.front() != '#') return false;
    if (plan_) {
        add_note("a second plan \"" + std::string(line) + "\" was ignored");
        return true;
    }
    plan_ = count;
    run_.summary.tests = count;
    run_.summary.lines.push_back(std::string(text::trim(line)));
    if (*count == 0) {
        const std::string_view reason = text::trim(after.empty() ? after : after.substr(1));
        add_note("the plan 1..0 skips every test" + (reason.empty() ? std::string() : ": " + std::string(reason)));
        run_.finished = true;
    } else if (!run_.cases.empty()) {
        plan_after_tests_ = true;
        run_.finished = true;
    }
    if (run_.finished) check_against_plan();
    return true;
}

bool TapParser::take_test_line(std::string_view line)
{
    const bool not_ok = starts_with_word(line, "not ok");
    if (!not_ok && !starts_with_word(line, "ok")) return false;
    std::string_view rest = text::trim_left(line.substr(not_ok ? 6 : 2));
    const std::size_t digits = std::min(rest.find_first_not_of("0123456789"), rest.size());
    std::uint64_t number = last_number_ + 1;
    if (digits != 0) {
        const auto given = text::parse_count(rest.substr(0, digits));
        if (!given) return false;  // a number too large to be one: not a test line
        number = *given;
        rest = text::trim_left(rest.substr(digits));
    }
    if (rest == "-") rest = {};
    if (rest.starts_with("- ")) rest.remove_prefix(2);
    Split split = split_directive(rest);

    CaseResult result;
    result.name = split.description.empty() ? "test " + std::to_string(number) : split.description;
    result.outcome = not_ok ? Outcome::Failed : Outcome::Passed;
    if (starts_with_nocase(split.directive, "skip")) {
        result.outcome = Outcome::Skipped;
        result.message = std::string(reason_after_word(split.directive));
    } else if (starts_with_nocase(split.directive, "todo")) {
        const std::string_view reason = reason_after_word(split.directive);
        result.message = reason.empty() ? "TODO" : "TODO " + std::string(reason);
        if (not_ok) result.outcome = Outcome::Skipped;  // an expected failure, not a failure
    }
    if (numbers_seen_.size() < kMaxCases && !numbers_seen_.insert(number).second) {
        add_note("test number " + std::to_string(number) + " reported twice");
    }
    if (plan_ && number > *plan_) {
        add_note("test " + std::to_string(number) + " is outside the plan 1.." + std::to_string(*plan_));
    }
    last_number_ = number;
    add_case(std::move(result));
    if (plan_ && !plan_after_tests_ && !run_.finished && reported_cases() >= *plan_) {
        run_.finished = true;
        check_against_plan();
    }
    return true;
}

void TapParser::close_yaml()
{
    // The block belongs to the last case reported: only while that one was kept.
    if (yaml_ && !run_.cases.empty() && run_.not_kept.total() == 0) yaml_->fill(run_.cases.back());
    yaml_.reset();
}

void TapParser::check_against_plan()
{
    if (checked_) return;
    checked_ = true;
    if (!plan_) {
        if (!run_.cases.empty()) add_note("the output has no plan (1..N): missing tests cannot be told");
        return;
    }
    if (*plan_ > max_checked_plan) {
        add_note("the plan 1.." + std::to_string(*plan_) + " is too large to list its missing tests");
        return;
    }
    if (numbers_seen_.size() >= kMaxCases) {
        add_note("more tests than hiltest keeps (" + std::to_string(kMaxCases) + "): missing tests cannot be told");
        return;
    }
    std::uint64_t missing = 0;
    for (std::uint64_t number = 1; number <= *plan_; ++number) {
        if (numbers_seen_.count(number) != 0) continue;
        if (++missing <= max_listed_missing) run_.missing.push_back(std::to_string(number));
    }
    if (missing > max_listed_missing) {
        add_note(std::to_string(missing - max_listed_missing) + " more missing tests not listed");
    }
    if (missing > 0) {
        add_note(std::to_string(missing) + " of the plan's " + std::to_string(*plan_) +
                             " tests never reported");
    }
}

void TapParser::on_line(std::string_view line)
{
    if (yaml_) {
        if (text::trim(line) == "...") {
            close_yaml();
            return;
        }
        if (yaml_->take(line)) return;
        close_yaml();
    }
    const bool after_test_line = yaml_allowed_;
    yaml_allowed_ = false;
    if (after_test_line && text::trim(line) == "---" && line.front() != '-') {
        yaml_.emplace(line.find('-'));
        return;
    }
    if (stopped_) return;
    if (line.starts_with("Bail out!")) {
        const std::string_view reason = text::trim(line.substr(9));
        add_note("Bail out!" + (reason.empty() ? std::string() : " " + std::string(reason)));
        run_.summary.lines.push_back(std::string(text::trim(line)));
        run_.finished = true;
        stopped_ = true;
        check_against_plan();
        return;
    }
    if (take_plan(line)) {
        stopped_ = plan_after_tests_ || (plan_ && *plan_ == 0);
        return;
    }
    if (take_test_line(line)) yaml_allowed_ = true;
}

void TapParser::on_end_of_output()
{
    close_yaml();
    check_against_plan();
}

}  // namespace hiltest::ontarget
