// libFuzzer entry point for the suite parser: any bytes must give a Suite or a SuiteInvalid
// error, never a crash, a hang or another exception type.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "probe/base/error.hpp"
#include "runner/suite/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    hiltest::suite::ParseOptions options;
    options.variables["firmware_dir"] = "/tmp/firmware";
    try {
        const hiltest::suite::Suite suite = hiltest::suite::parse_suite(text, "fuzz.json", options);
        for (const auto& test : suite.tests) {
            for (const auto& step : test.steps) {
                (void)step.describe();
            }
        }
    } catch (const hiltest::Error& error) {
        if (error.kind() != hiltest::ErrorKind::SuiteInvalid) {
            std::abort();
        }
    }
    return 0;
}
