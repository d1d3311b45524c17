// libFuzzer: the Intel HEX reader must either return a well-formed image or throw hiltest::Error.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "probe/base/error.hpp"
#include "image/intel_hex.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace hiltest::image;
    try {
        const Image image = parse_intel_hex(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.hex");
        for (size_t i = 1; i < image.segments.size(); ++i) {
            if (image.segments[i].address < image.segments[i - 1].end()) std::abort();  // sorted, disjoint
        }
    } catch (const hiltest::Error&) {
    }
    return 0;
}
