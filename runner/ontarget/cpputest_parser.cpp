#include "runner/ontarget/cpputest_parser.hpp"

#include <string>

#include "runner/ontarget/text_scan.hpp"

namespace hiltest::ontarget {
namespace {

struct TestName {
    std::string group;
    std::string name;
    bool ignored = false;
    std::string_view rest;  // what follows the closing parenthesis
};

// "TEST(Group, Name)" or "IGNORE_TEST(Group, Name)" at the start of text.
std::optional<TestName> take_test_name(std::string_view text)
{
    TestName found;
    if (text.starts_with("IGNORE_")) {
        found.ignored = true;
        text.remove_prefix(7);
    }
    if (!text.starts_with("TEST(")) return std::nullopt;
    text.remove_prefix(5);
    const std::size_t comma = text.find(',');
    const std::size_t close = text.find(')');
    if (comma == std::string_view::npos || close == std::string_view::npos || comma > close) return std::nullopt;
    found.group = std::string(text::trim(text.substr(0, comma)));
    found.name = std::string(text::trim(text.substr(comma + 1, close - comma - 1)));
    if (found.group.empty() || found.name.empty()) return std::nullopt;
    found.rest = text.substr(close + 1);
    return found;
}

// " - 12 ms" at the end of text (CppUTest's end of a verbose test); text keeps what precedes.
std::optional<double> take_verbose_end(std::string_view& text)
{
    std::string_view rest = text::trim(text);
    if (!rest.ends_with(" ms")) return std::nullopt;
    rest.remove_suffix(3);
    const std::size_t dash = rest.rfind(" - ");
    const std::size_t start = dash == std::string_view::npos ? (rest.starts_with("- ") ? 0 : rest.size()) : dash + 1;
    if (start == rest.size()) return std::nullopt;
    const auto ms = text::parse_count(text::trim(rest.substr(start + 2)));
    if (!ms) return std::nullopt;
    text = rest.substr(0, start);
    return static_cast<double>(*ms);
}

}  // namespace

void CppUTestParser::close_failure_message()
{
    if (!failure_) return;
    while (!failure_->message.empty() && failure_->message.back() == '\n') failure_->message.pop_back();
    if (open_ && open_->suite == failure_->suite && open_->name == failure_->name) {
        // -v: the case ends with its " - N ms" line; the first failure is the one shown.
        if (open_->outcome != Outcome::Failed) {
            open_->outcome = Outcome::Failed;
            open_->message = failure_->message;
            open_->file = failure_->file;
            open_->line = failure_->line;
        }
    } else {
        add_case(std::move(*failure_));
    }
    failure_.reset();
}

void CppUTestParser::end_running(std::optional<double> duration_ms)
{
    close_failure_message();
    if (!open_) return;
    open_->duration_ms = duration_ms;
    add_case(std::move(*open_));
    open_.reset();
    run_.running.reset();
}

bool CppUTestParser::take_summary(std::string_view line)
{
    const std::string_view trimmed = text::trim(line);
    const bool ok = trimmed.starts_with("OK (");
    if (!ok && !trimmed.starts_with("Errors (")) return false;
    if (!trimmed.ends_with(")")) return false;
    std::string_view inside = trimmed.substr(trimmed.find('(') + 1);
    inside.remove_suffix(1);
    PrintedSummary summary;
    bool any = false;
    while (!inside.empty()) {
        const std::size_t comma = inside.find(',');
        const std::string_view item = text::trim(inside.substr(0, comma));
        inside = comma == std::string_view::npos ? std::string_view{} : inside.substr(comma + 1);
        const std::size_t space = item.find(' ');
        if (space == std::string_view::npos) return false;
        const auto number = text::parse_count(item.substr(0, space));
        if (!number) return false;
        const std::string_view word = item.substr(space + 1);
        if (word == "tests" || word == "test") summary.tests = number;
        else if (word == "failures" || word == "failure") summary.failures = number;
        else if (word == "ignored") summary.ignored = number;
        else if (word == "ms") summary.duration_ms = static_cast<double>(*number);
        any = true;
    }
    if (!any || !summary.tests) return false;
    if (ok && !summary.failures) summary.failures = 0;
    close_failure_message();
    summary.lines.push_back(std::string(trimmed));
    run_.summary = std::move(summary);
    run_.finished = true;
    if (saw_progress_) {
        add_note("CppUTest without -v names only failing tests: run the firmware's tests with -v "
                             "for one result per test");
    }
    return true;
}

bool CppUTestParser::take_failure_start(std::string_view line)
{
    constexpr std::string_view marker = "Failure in ";
    const std::size_t at = line.find(marker);
    if (at == std::string_view::npos) return false;
    auto test = take_test_name(line.substr(at + marker.size()));
    if (!test) return false;
    close_failure_message();
    CaseResult failure;
    failure.suite = std::move(test->group);
    failure.name = std::move(test->name);
    failure.outcome = Outcome::Failed;
    if (const auto place = text::take_file_line(line.substr(0, at))) {
        failure.file = std::string(place->file);
        failure.line = place->line;
    }
    // A message may follow on the same line in older versions ("... TEST(G, N) message").
    const std::string_view same_line = text::trim(test->rest);
    if (!same_line.empty()) failure.message = std::string(same_line) + "\n";
    // The progress characters before the block (default output) belong to earlier tests.
    failure_ = std::move(failure);
    return true;
}

bool CppUTestParser::take_verbose(std::string_view line)
{
    auto test = take_test_name(line);
    if (!test) {
        if (!open_) return false;
        std::string_view before = line;
        const auto ms = take_verbose_end(before);
        if (!ms) return false;
        end_running(ms);
        return true;
    }
    if (open_) {
        add_note("TEST(" + open_->suite + ", " + open_->name +
                             ") printed no \" - N ms\" end before the next test started");
        end_running(std::nullopt);
    }
    CaseResult started;
    started.suite = test->group;
    started.name = test->name;
    started.outcome = test->ignored ? Outcome::Skipped : Outcome::Passed;
    open_ = std::move(started);
    run_.running = StartedCase{test->group, test->name, false, {}, {}, {}};
    std::string_view rest = test->rest;
    if (const auto ms = take_verbose_end(rest)) end_running(ms);
    return true;
}

void CppUTestParser::on_line(std::string_view line)
{
    if (run_.finished) return;
    if (take_failure_start(line)) return;
    if (failure_) {
        // The message: tab-indented lines; a blank line or any other line ends it.
        if (!line.empty() && line.front() == '\t') {
            text::append_message_line(failure_->message, line.substr(1));
            return;
        }
        close_failure_message();
    }
    if (take_summary(line)) return;
    if (take_verbose(line)) return;
    const std::string_view trimmed = text::trim(line);
    if (!trimmed.empty() && trimmed.find_first_not_of(".!") == std::string_view::npos) saw_progress_ = true;
}

void CppUTestParser::on_end_of_output()
{
    close_failure_message();
    if (open_ && run_.running && open_->outcome == Outcome::Failed) {
        run_.running->failed = true;
        run_.running->message = open_->message;
        run_.running->file = open_->file;
        run_.running->line = open_->line;
    }
}

}  // namespace hiltest::ontarget
