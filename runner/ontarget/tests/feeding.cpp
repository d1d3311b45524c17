#include "runner/ontarget/tests/feeding.hpp"

#include <random>

namespace hiltest::ontarget::testing {
namespace {

TestRun finish(OutputParser& parser, bool ended)
{
    if (ended) parser.end_of_output();
    return parser.run();
}

}  // namespace

TestRun parse_whole(OutputFormat format, std::string_view text, bool ended)
{
    const auto parser = make_output_parser(format);
    parser->feed(text);
    return finish(*parser, ended);
}

TestRun parse_bytewise(OutputFormat format, std::string_view text, bool ended)
{
    const auto parser = make_output_parser(format);
    for (std::size_t i = 0; i < text.size(); ++i) parser->feed(text.substr(i, 1));
    return finish(*parser, ended);
}

TestRun parse_random_chunks(OutputFormat format, std::string_view text, std::uint32_t seed, bool ended)
{
    const auto parser = make_output_parser(format);
    std::mt19937 random(seed);
    std::uniform_int_distribution<std::size_t> length(0, 24);  // 0: an empty chunk now and then
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t n = std::min(length(random), text.size() - at);
        parser->feed(text.substr(at, n));
        (void)parser->run();  // asking in between must not disturb the parse
        at += n;
    }
    return finish(*parser, ended);
}

std::string with_crlf(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        if (c == '\n') out.push_back('\r');
        out.push_back(c);
    }
    return out;
}

}  // namespace hiltest::ontarget::testing

namespace hiltest::ontarget {

void PrintTo(const CaseResult& result, std::ostream* out)
{
    *out << "{" << result.suite << (result.suite.empty() ? "" : ".") << result.name << " " << to_string(result.outcome);
    if (!result.file.empty()) *out << " at " << result.file << ":" << (result.line ? *result.line : 0);
    if (result.duration_ms) *out << " " << *result.duration_ms << " ms";
    if (!result.message.empty()) *out << " \"" << result.message << "\"";
    *out << "}";
}

void PrintTo(const TestRun& run, std::ostream* out)
{
    *out << (run.finished ? "finished" : "not finished");
    if (run.running) {
        *out << ", running " << run.running->suite << "." << run.running->name;
        if (run.running->failed) *out << " (failed at " << run.running->file << ": \"" << run.running->message << "\")";
    }
    *out << ", " << run.cases.size() << " cases:";
    for (const CaseResult& result : run.cases) {
        *out << "\n  ";
        PrintTo(result, out);
    }
    for (const std::string& line : run.summary.lines) *out << "\n  summary: " << line;
    for (const std::string& missing : run.missing) *out << "\n  missing: " << missing;
    for (const std::string& note : run.notes) *out << "\n  note: " << note;
}

}  // namespace hiltest::ontarget
