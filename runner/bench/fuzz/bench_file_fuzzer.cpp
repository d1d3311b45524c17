// libFuzzer entry point for the bench file parser: any bytes must give a Bench or a
// SuiteInvalid error, and a bench that parses must answer a board selection.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "probe/base/error.hpp"
#include "runner/bench/bench_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    hiltest::suite::ParseOptions options;
    options.variables["firmware_dir"] = "/tmp/firmware";
    try {
        const hiltest::bench::Bench bench = hiltest::bench::parse_bench(text, "/fuzz/bench.json", options);
        if (bench.boards.empty()) std::abort();  // the parser promises at least one board
        (void)hiltest::bench::select_boards(bench, "all");
        (void)hiltest::bench::select_boards(bench, bench.boards.front().name);
    } catch (const hiltest::Error& error) {
        if (error.kind() != hiltest::ErrorKind::SuiteInvalid) std::abort();
    }
    return 0;
}
