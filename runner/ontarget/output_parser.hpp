#pragma once
// The common shape of the on-target output parsers: fed bytes in any chunks, asked at any time
// what the run has shown so far. Lines that are not the framework's (the firmware's own
// prints) are ignored; no input is an error.
#include <memory>
#include <optional>
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

protected:
    virtual void on_line(std::string_view line) = 0;
    virtual void on_end_of_output() {}

    TestRun run_;

private:
    LineSplitter lines_;
    bool ended_ = false;
};

std::unique_ptr<OutputParser> make_output_parser(OutputFormat format);

}  // namespace hiltest::ontarget
