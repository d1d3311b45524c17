// libFuzzer: the ELF reader must either return a well-formed image or throw hiltest::Error.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "probe/base/error.hpp"
#include "image/elf_image.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace hiltest::image;
    try {
        const Image image = parse_elf(std::span<const uint8_t>(data, size), "fuzz.elf");
        for (size_t i = 1; i < image.segments.size(); ++i) {
            if (image.segments[i].address < image.segments[i - 1].end()) std::abort();
        }
        for (const Symbol& symbol : image.symbols) {
            if (image.find_symbol(symbol.name) == nullptr) std::abort();
        }
    } catch (const hiltest::Error&) {
    }
    return 0;
}
