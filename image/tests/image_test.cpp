#include <gtest/gtest.h>

#include "image/image.hpp"
#include "probe/base/error.hpp"

namespace hiltest::image {
namespace {

std::vector<uint8_t> bytes(std::initializer_list<int> values)
{
    std::vector<uint8_t> out;
    for (int value : values) out.push_back(static_cast<uint8_t>(value));
    return out;
}

TEST(ImageSegments, SortsAndMergesAdjacentPieces)
{
    std::vector<Segment> pieces{{0x2004, bytes({5, 6})}, {0x2000, bytes({1, 2, 3, 4})}, {0x3000, bytes({9})}};
    const auto segments = normalize_segments(std::move(pieces), "test");
    ASSERT_EQ(segments.size(), 2u);
    EXPECT_EQ(segments[0].address, 0x2000u);
    EXPECT_EQ(segments[0].data, bytes({1, 2, 3, 4, 5, 6}));
    EXPECT_EQ(segments[1].address, 0x3000u);
}

TEST(ImageSegments, DropsEmptyPieces)
{
    std::vector<Segment> pieces{{0x100, {}}, {0x100, bytes({1})}};
    const auto segments = normalize_segments(std::move(pieces), "test");
    ASSERT_EQ(segments.size(), 1u);
    EXPECT_EQ(segments[0].data.size(), 1u);
}

TEST(ImageSegments, RefusesOverlapNamingBothPieces)
{
    std::vector<Segment> pieces{{0x1000, bytes({1, 2, 3, 4})}, {0x1002, bytes({7})}};
    try {
        normalize_segments(std::move(pieces), "app.bin", [](size_t i) { return "piece " + std::to_string(i); });
        FAIL() << "overlap accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::ImageFormat);
        const std::string message = error.what();
        EXPECT_NE(message.find("piece 0 and piece 1"), std::string::npos) << message;
        EXPECT_NE(message.find("0x00001002"), std::string::npos) << message;
        EXPECT_NE(message.find("app.bin"), std::string::npos) << message;
    }
}

TEST(ImageSegments, RefusesPieceBeyondAddressSpace)
{
    std::vector<Segment> pieces{{0xFFFFFFFF, bytes({1, 2})}};
    EXPECT_THROW(normalize_segments(std::move(pieces), "x"), Error);
}

TEST(ImageCopyRange, FillsGapsAndCopiesSegmentBytes)
{
    Image image;
    image.segments = {{0x10, bytes({1, 2})}, {0x14, bytes({3, 4, 5})}};
    std::vector<uint8_t> out(8);
    EXPECT_TRUE(image.copy_range(0x0F, out));
    EXPECT_EQ(out, bytes({0xFF, 1, 2, 0xFF, 0xFF, 3, 4, 5}));
    EXPECT_FALSE(image.copy_range(0x20, out));
    EXPECT_EQ(out, std::vector<uint8_t>(8, 0xFF));
    std::vector<uint8_t> middle(2);
    EXPECT_TRUE(image.copy_range(0x15, middle, 0));
    EXPECT_EQ(middle, bytes({4, 5}));
}

TEST(ImageTotals, CountBytesAndBounds)
{
    Image image;
    EXPECT_EQ(image.total_bytes(), 0u);
    EXPECT_EQ(image.highest_end(), 0u);
    image.segments = {{0x08000000, std::vector<uint8_t>(100)}, {0x08001000, std::vector<uint8_t>(10)}};
    EXPECT_EQ(image.total_bytes(), 110u);
    EXPECT_EQ(image.lowest_address(), 0x08000000u);
    EXPECT_EQ(image.highest_end(), 0x0800100Au);
}

TEST(ImageSymbols, FindsByName)
{
    Image image;
    image.symbols = {{"alpha", 1, 0}, {"main", 0x08000100, 20}, {"zeta", 3, 4}};
    ASSERT_NE(image.find_symbol("main"), nullptr);
    EXPECT_EQ(image.find_symbol("main")->address, 0x08000100u);
    EXPECT_EQ(image.find_symbol("mai"), nullptr);
    EXPECT_EQ(image.find_symbol("zz"), nullptr);
}

}  // namespace
}  // namespace hiltest::image
