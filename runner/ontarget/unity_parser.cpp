#include "runner/ontarget/unity_parser.hpp"

#include <array>
#include <string>

#include "runner/ontarget/text_scan.hpp"

namespace hiltest::ontarget {
namespace {

struct Status {
    std::string_view word;
    Outcome outcome;
};
constexpr std::array<Status, 3> statuses{{{"PASS", Outcome::Passed}, {"FAIL", Outcome::Failed}, {"IGNORE", Outcome::Skipped}}};

// "name:STATUS[: message]" after "file:line:"; INFO lines (TEST_MESSAGE) are not results.
std::optional<CaseResult> result_of(const text::FileLine& place)
{
    const std::size_t colon = place.rest.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    const std::string_view name = place.rest.substr(0, colon);
    std::string_view after = place.rest.substr(colon + 1);
    for (const Status& status : statuses) {
        if (!after.starts_with(status.word)) continue;
        std::string_view message = after.substr(status.word.size());
        CaseResult result;
        result.duration_ms = text::take_ms_suffix(message);
        if (!message.empty() && message.front() == ':') {
            message.remove_prefix(1);
        } else if (!message.empty()) {
            return std::nullopt;  // "PASSED", "FAILURE": some other word, not Unity's
        }
        result.name = std::string(name);
        result.outcome = status.outcome;
        result.message = std::string(text::trim(message));
        result.file = std::string(place.file);
        result.line = place.line;
        return result;
    }
    return std::nullopt;
}

}  // namespace

bool UnityParser::take_counts(std::string_view line)
{
    // "N Tests M Failures K Ignored" (UnityEnd prints a space after each word).
    std::array<std::uint64_t, 3> numbers{};
    constexpr std::array<std::string_view, 3> words{"Tests", "Failures", "Ignored"};
    std::string_view rest = text::trim(line);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::size_t space = rest.find(' ');
        if (space == std::string_view::npos) return false;
        const auto number = text::parse_count(rest.substr(0, space));
        if (!number) return false;
        numbers[i] = *number;
        rest = text::trim_left(rest.substr(space + 1));
        if (!rest.starts_with(words[i])) return false;
        rest = text::trim_left(rest.substr(words[i].size()));
    }
    if (!rest.empty()) return false;
    run_.summary.tests = numbers[0];
    run_.summary.failures = numbers[1];
    run_.summary.ignored = numbers[2];
    run_.summary.lines.push_back(std::string(text::trim(line)));
    counts_seen_ = true;
    return true;
}

void UnityParser::on_line(std::string_view line)
{
    const std::string_view trimmed = text::trim(line);
    if (counts_seen_ && !run_.finished && (trimmed == "OK" || trimmed == "FAIL" || trimmed == "FAILED")) {
        // FAILED: UNITY_DIFFERENTIATE_FINAL_FAIL.
        run_.summary.lines.push_back(std::string(trimmed));
        run_.finished = true;
        return;
    }
    if (trimmed.find_first_not_of('-') == std::string_view::npos && trimmed.size() >= 10) return;  // the separator
    if (take_counts(line)) return;
    if (const auto place = text::take_file_line(line)) {
        if (auto result = result_of(*place)) add_case(std::move(*result));
    }
}

}  // namespace hiltest::ontarget
