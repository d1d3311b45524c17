#pragma once
// The common shape of the on-target output parsers: fed bytes in any chunks, asked at any time
// what the run has shown so far. Lines that are not the framework's (the firmware's own
// prints) are ignored; no input is an error.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/ontarget/line_splitter.hpp"
#include "runner/ontarget/test_run.hpp"

namespace hiltest::ontarget {

enum class OutputFormat { Unity, CppUTest, GoogleTest, Tap };

// The names a suite uses: "unity", "cpputest", "gtest", "tap".
std::string_view to_string(OutputFormat format);
std::optional<OutputFormat> output_format_from_string(std::string_view name);
const std::vector<OutputFormat>& output_formats();

class OutputParser {
public:
    virtual ~OutputParser() = default;
    OutputParser() = default;
    OutputParser(const OutputParser&) = delete;
    OutputParser& operator=(const OutputParser&) = delete;

    void feed(std::string_view bytes);
    // No more output will come (the channel closed, the step timed out, the target faulted):
    // a last unterminated line is parsed, and what only the end can show is filled in.
    void end_of_output();

    const TestRun& run() const { return run_; }

    // What one run may keep: a firmware that prints result lines without end costs bounded memory.
    static constexpr std::size_t kMaxCases = 100000;
    static constexpr std::size_t kMaxNotes = 100;

protected:
    virtual void on_line(std::string_view line) = 0;
    // Keeps the case, or past kMaxCases counts it in run_.not_kept.
    void add_case(CaseResult result);
    // Keeps the note, up to kMaxNotes (the last one kept says more were left out).
    void add_note(std::string note);
    // Cases reported so far, kept or not.
    std::uint64_t reported_cases() const { return run_.cases.size() + run_.not_kept.total(); }
    virtual void on_end_of_output() {}

    TestRun run_;

private:
    LineSplitter lines_;
    bool ended_ = false;
};

std::unique_ptr<OutputParser> make_output_parser(OutputFormat format);

}  // namespace hiltest::ontarget
