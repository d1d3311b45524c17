// The checksums of the built fixture images (needs the firmware build).
#include <gtest/gtest.h>

#include <string>

#include "image/image_file.hpp"
#include "probe/flash/checksums.hpp"
#include "tests/support/firmware_paths.hpp"

namespace hiltest::probe::flash {
namespace {

// What a suite's firmware sha256 says: the build, whatever file of it was given.
TEST(ImageChecksums, ElfAndBinOfOneBuildHaveOneDigest)
{
    for (const char* name : {"blink_systick", "counter", "hardfault"}) {
        const std::string base = hiltest::testing::firmware_file(name);
        EXPECT_EQ(image_sha256(image::load_image(base + ".elf")), image_sha256(image::load_image(base + ".bin")))
            << name;
    }
}

}  // namespace
}  // namespace hiltest::probe::flash
