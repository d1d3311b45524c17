#include "runner/ontarget/gtest_parser.hpp"

#include <string>

#include "runner/ontarget/text_scan.hpp"

namespace hiltest::ontarget {
namespace {

// "[ RUN      ] rest" → {"RUN", "rest"}: the tag is the bracket's text without padding.
struct Tagged {
    std::string_view tag;
    std::string_view rest;
};
std::optional<Tagged> take_tag(std::string_view line)
{
    if (!line.starts_with("[") || line.size() < 12 || line[11] != ']') return std::nullopt;
    return Tagged{text::trim(line.substr(1, 10)), text::trim(line.substr(12))};
}

// "Suite.Name" → suite before the first '.', name after ("Inst/Suite.Name/0" keeps its
// instantiation in the suite and its parameter index in the name).
void split_name(std::string_view full, CaseResult& into)
{
    const std::size_t dot = full.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == full.size()) {
        into.name = std::string(full);
        return;
    }
    into.suite = std::string(full.substr(0, dot));
    into.name = std::string(full.substr(dot + 1));
}

// "Suite.Name (3 ms)" or "Inst/Suite.Name/0, where GetParam() = 4 (3 ms)" → the name.
std::string_view name_of(std::string_view rest)
{
    const std::size_t where = rest.find(", where ");
    if (where != std::string_view::npos) rest = rest.substr(0, where);
    const std::size_t space = rest.find(' ');
    return rest.substr(0, space);
}

std::optional<std::uint64_t> leading_count(std::string_view rest)
{
    return text::parse_count(rest.substr(0, rest.find(' ')));
}

}  // namespace

void GoogleTestParser::start(std::string_view full_name)
{
    if (text::trim(full_name).empty()) return;
    if (open_) {
        open_->outcome = Outcome::Failed;
        if (open_->message.empty()) open_->message = "no result line: the next test started";
        add_note(open_->suite + "." + open_->name + " printed no result before the next test started");
        add_case(std::move(*open_));
    }
    CaseResult started;
    split_name(text::trim(full_name), started);
    run_.running = StartedCase{started.suite, started.name, false, {}, {}, {}};
    open_ = std::move(started);
    in_detail_ = false;
    open_failed_ = false;
}

void GoogleTestParser::finish(std::string_view rest, Outcome outcome)
{
    const std::string_view name = name_of(rest);
    if (name.empty()) return;
    CaseResult result;
    if (open_) {
        CaseResult named;
        split_name(name, named);
        if (named.suite == open_->suite && named.name == open_->name) {
            result = std::move(*open_);
            open_.reset();
            run_.running.reset();
        } else {
            split_name(name, result);
        }
    } else {
        split_name(name, result);
    }
    while (!result.message.empty() && result.message.back() == '\n') result.message.pop_back();
    result.outcome = outcome;
    result.duration_ms = text::take_ms_suffix(rest);
    add_case(std::move(result));
    in_detail_ = false;
}

void GoogleTestParser::take_end_lines(std::string_view tag, std::string_view rest, std::string_view line)
{
    if (tag == "PASSED") {
        run_.summary.passed = leading_count(rest);
        run_.summary.lines.push_back(std::string(text::trim(line)));
        run_.finished = true;
    } else if ((tag == "FAILED" || tag == "SKIPPED") && rest.find("listed below") != std::string_view::npos) {
        (tag == "FAILED" ? run_.summary.failures : run_.summary.ignored) = leading_count(rest);
        run_.summary.lines.push_back(std::string(text::trim(line)));
    }
    // The listing's single-name lines repeat cases already reported.
}

void GoogleTestParser::on_end_of_output()
{
    if (!open_ || !run_.running || !open_failed_) return;
    std::string message = open_->message;
    while (!message.empty() && message.back() == '\n') message.pop_back();
    run_.running->failed = true;
    run_.running->message = std::move(message);
    run_.running->file = open_->file;
    run_.running->line = open_->line;
}

bool GoogleTestParser::take_detail_start(std::string_view line)
{
    // "file:line: Failure", "file:line: Skipped", "unknown file: Failure" (an exception).
    const std::string_view trimmed = text::trim(line);
    const bool failure = trimmed.ends_with(": Failure");
    const bool skipped = trimmed.ends_with(": Skipped");
    if (!failure && !skipped) return false;
    if (failure) open_failed_ = true;
    const std::string_view head = trimmed.substr(0, trimmed.size() - 9);
    const std::string head_with_colon = std::string(head) + ":";  // the place's views point into it
    const auto place = text::take_file_line(head_with_colon);
    // The first failure's place is the case's; every failure's message lines are kept.
    if (open_->file.empty() && place) {
        open_->file = std::string(place->file);
        open_->line = place->line;
    }
    in_detail_ = true;
    return true;
}

void GoogleTestParser::on_line(std::string_view line)
{
    if (const auto tagged = take_tag(line)) {
        in_detail_ = false;
        if (tagged->tag == "==========") {
            // "N tests from M test suites ran." ("test cases" before GoogleTest 1.10).
            if (tagged->rest.find(" ran.") != std::string_view::npos) {
                run_.summary.tests = leading_count(tagged->rest);
                std::string_view total = tagged->rest.substr(tagged->rest.find(" ran.") + 5);
                if (total.ends_with(" total)")) {
                    std::string_view ms = total;
                    ms.remove_suffix(7);
                    ms = text::trim(ms);
                    if (ms.starts_with("(") && ms.ends_with(" ms")) {
                        if (const auto value = text::parse_count(ms.substr(1, ms.size() - 4))) {
                            run_.summary.duration_ms = static_cast<double>(*value);
                        }
                    }
                }
                run_.summary.lines.push_back(std::string(text::trim(line)));
                ran_line_seen_ = true;
            }
            return;
        }
        if (ran_line_seen_) {
            take_end_lines(tagged->tag, tagged->rest, line);
            return;
        }
        if (tagged->tag == "RUN") start(tagged->rest);
        else if (tagged->tag == "OK") finish(tagged->rest, Outcome::Passed);
        else if (tagged->tag == "FAILED") finish(tagged->rest, Outcome::Failed);
        else if (tagged->tag == "SKIPPED") finish(tagged->rest, Outcome::Skipped);
        return;
    }
    if (!open_ || ran_line_seen_) return;
    if (take_detail_start(line)) return;
    if (in_detail_) text::append_message_line(open_->message, line);
}

}  // namespace hiltest::ontarget
