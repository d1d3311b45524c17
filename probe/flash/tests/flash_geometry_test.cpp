#include <gtest/gtest.h>

#include "probe/base/error.hpp"
#include "probe/flash/flash_geometry.hpp"

namespace hiltest::probe::flash {
namespace {

Image image_with(std::vector<Segment> segments)
{
    Image image;
    image.source = "fw.elf";
    image.segments = std::move(segments);
    return image;
}

std::string error_of(const Image& image, const FlashGeometry& geometry)
{
    try {
        check_image_fits(image, geometry);
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::ImageFormat);
        EXPECT_FALSE(error.remedy().empty());
        return error.what();
    }
    return "fits";
}

TEST(ImageGeometry, AcceptsMainFlashAndOptionBytes)
{
    const FlashGeometry geometry = stm32f1_geometry(64, 1024);
    EXPECT_EQ(error_of(image_with({{0x08000000, std::vector<uint8_t>(64 * 1024)}}), geometry), "fits");
    EXPECT_EQ(error_of(image_with({{0x08000000, {1}}, {0x1FFFF800, std::vector<uint8_t>(16)}}), geometry), "fits");
}

TEST(ImageGeometry, RefusesImageLargerThanDetectedFlash)
{
    const FlashGeometry geometry = stm32f1_geometry(64, 1024);
    const std::string message = error_of(image_with({{0x08000000, std::vector<uint8_t>(64 * 1024 + 2)}}), geometry);
    EXPECT_NE(message.find("0x08010000"), std::string::npos) << message;
    EXPECT_NE(message.find("64 KB"), std::string::npos) << message;
    // The same image fits a 128 KB part.
    EXPECT_EQ(error_of(image_with({{0x08000000, std::vector<uint8_t>(64 * 1024 + 2)}}), stm32f1_geometry(128, 1024)),
              "fits");
}

TEST(ImageGeometry, RefusesRamBootAliasAndPartialOptionBytes)
{
    const FlashGeometry geometry = stm32f1_geometry(64, 1024);
    EXPECT_NE(error_of(image_with({{0x20000000, {1, 2}}}), geometry).find("0x20000000"), std::string::npos);
    EXPECT_NE(error_of(image_with({{0x00000000, {1, 2}}}), geometry), "fits");
    EXPECT_NE(error_of(image_with({{0x1FFFF80E, {1, 2, 3, 4}}}), geometry), "fits");
    EXPECT_NE(error_of(image_with({}), geometry), "fits");
}

TEST(ImageGeometry, TouchedPagesAreUniqueAndAscending)
{
    const FlashGeometry geometry = stm32f1_geometry(64, 1024);
    const Image image = image_with({{0x08000000, std::vector<uint8_t>(10)},
                                    {0x080003F0, std::vector<uint8_t>(0x20)},  // pages 0 and 1
                                    {0x08002000, std::vector<uint8_t>(1)},
                                    {0x1FFFF800, std::vector<uint8_t>(2)}});
    EXPECT_EQ(touched_pages(image, geometry), (std::vector<uint32_t>{0, 1, 8}));
    EXPECT_TRUE(touches_option_bytes(image, geometry));
    EXPECT_FALSE(touches_option_bytes(image_with({{0x08000000, {1}}}), geometry));
}

}  // namespace
}  // namespace hiltest::probe::flash
