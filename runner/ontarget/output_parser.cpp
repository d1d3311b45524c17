#include "runner/ontarget/output_parser.hpp"

#include "runner/ontarget/cpputest_parser.hpp"
#include "runner/ontarget/gtest_parser.hpp"
#include "runner/ontarget/tap_parser.hpp"
#include "runner/ontarget/unity_parser.hpp"

namespace hiltest::ontarget {

const char* to_string(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Passed: return "passed";
    case Outcome::Failed: return "failed";
    case Outcome::Skipped: return "skipped";
    }
    return "?";
}

std::string_view to_string(OutputFormat format)
{
    switch (format) {
    case OutputFormat::Unity: return "unity";
    case OutputFormat::CppUTest: return "cpputest";
    case OutputFormat::GoogleTest: return "gtest";
    case OutputFormat::Tap: return "tap";
    }
    return "?";
}

const std::vector<OutputFormat>& output_formats()
{
    static const std::vector<OutputFormat> all{OutputFormat::Unity, OutputFormat::CppUTest,
                                               OutputFormat::GoogleTest, OutputFormat::Tap};
    return all;
}

std::optional<OutputFormat> output_format_from_string(std::string_view name)
{
    for (const OutputFormat format : output_formats()) {
        if (to_string(format) == name) return format;
    }
    return std::nullopt;
}

void OutputParser::feed(std::string_view bytes)
{
    if (ended_) return;  // the output was declared over: later bytes belong to no run
    lines_.feed(bytes, [this](std::string_view line) { on_line(line); });
}

void OutputParser::add_case(CaseResult result)
{
    if (run_.cases.size() < kMaxCases) {
        run_.cases.push_back(std::move(result));
        return;
    }
    switch (result.outcome) {
    case Outcome::Passed: ++run_.not_kept.passed; break;
    case Outcome::Failed: ++run_.not_kept.failed; break;
    case Outcome::Skipped: ++run_.not_kept.skipped; break;
    }
}

void OutputParser::add_note(std::string note)
{
    if (run_.notes.size() + 1 < kMaxNotes) run_.notes.push_back(std::move(note));
    else if (run_.notes.size() + 1 == kMaxNotes) run_.notes.push_back("more notes were left out");
}

void OutputParser::end_of_output()
{
    if (ended_) return;
    ended_ = true;
    lines_.finish([this](std::string_view line) { on_line(line); });
    on_end_of_output();
}

std::unique_ptr<OutputParser> make_output_parser(OutputFormat format)
{
    switch (format) {
    case OutputFormat::Unity: return std::make_unique<UnityParser>();
    case OutputFormat::CppUTest: return std::make_unique<CppUTestParser>();
    case OutputFormat::GoogleTest: return std::make_unique<GoogleTestParser>();
    case OutputFormat::Tap: return std::make_unique<TapParser>();
    }
    return nullptr;
}

}  // namespace hiltest::ontarget
