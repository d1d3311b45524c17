// libFuzzer entry point for one on-target output parser (HILTEST_ONTARGET_FORMAT names it):
// any bytes must parse without a crash, and the run must not depend on how the bytes were
// chunked (the first byte picks a chunk length for the second parse).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "runner/ontarget/output_parser.hpp"

#ifndef HILTEST_ONTARGET_FORMAT
#error "HILTEST_ONTARGET_FORMAT names the format this fuzzer drives"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace hiltest::ontarget;
    static const OutputFormat format = *output_format_from_string(HILTEST_ONTARGET_FORMAT);
    if (size == 0) return 0;
    const std::size_t chunk = 1 + data[0] % 17;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    const auto whole = make_output_parser(format);
    whole->feed(text);
    const auto chunked = make_output_parser(format);
    for (std::size_t at = 0; at < text.size(); at += chunk) chunked->feed(text.substr(at, chunk));
    if (!(whole->run() == chunked->run())) std::abort();

    whole->end_of_output();
    chunked->end_of_output();
    const TestRun& run = whole->run();
    if (!(run == chunked->run())) std::abort();
    if (run.running && !run.incomplete()) std::abort();
    for (const CaseResult& result : run.cases) {
        if (result.name.empty()) std::abort();  // every parser names its cases
    }
    return 0;
}
