#include <gtest/gtest.h>

#include "image/intel_hex.hpp"
#include "probe/base/error.hpp"

#include <cstdio>

namespace hiltest::image {
namespace {

// One record with a correct checksum, so tests state intent rather than hand-computed bytes.
std::string rec(int type, int offset, std::vector<int> data)
{
    int sum = static_cast<int>(data.size()) + (offset >> 8) + (offset & 0xFF) + type;
    char text[16];
    std::string line = ":";
    std::snprintf(text, sizeof text, "%02X%04X%02X", static_cast<int>(data.size()), offset, type);
    line += text;
    for (int byte : data) {
        std::snprintf(text, sizeof text, "%02X", byte);
        line += text;
        sum += byte;
    }
    std::snprintf(text, sizeof text, "%02X\n", (0x100 - (sum & 0xFF)) & 0xFF);
    return line + text;
}

const std::string kEof = ":00000001FF\n";

std::string error_of(std::string_view text)
{
    try {
        parse_intel_hex(text, "fw.hex");
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::ImageFormat);
        return error.what();
    }
    return "no error";
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

TEST(IntelHex, ReadsDataWithExtendedLinearAddressAndEntry)
{
    const Image image = parse_intel_hex(rec(4, 0, {0x08, 0x00}) + rec(0, 0, {1, 2, 3, 4}) +
                                            rec(0, 4, {5, 6}) /* adjacent: merges */ + rec(5, 0, {0x08, 0, 0, 0xED}) + kEof,
                                        "fw.hex");
    ASSERT_EQ(image.segments.size(), 1u);
    EXPECT_EQ(image.segments[0].address, 0x08000000u);
    EXPECT_EQ(image.segments[0].data, (std::vector<uint8_t>{1, 2, 3, 4, 5, 6}));
    ASSERT_TRUE(image.entry);
    EXPECT_EQ(*image.entry, 0x080000EDu);
    EXPECT_EQ(image.format, ImageFormat::IntelHex);
}

TEST(IntelHex, ExtendedSegmentAddressAndStartSegment)
{
    const Image image = parse_intel_hex(":020000021000EC\r\n"
                                        ":0400000001020304F2\r\n" +
                                            rec(3, 0, {0x12, 0x34, 0x00, 0x10}) + kEof,
                                        "fw.hex");
    ASSERT_EQ(image.segments.size(), 1u);
    EXPECT_EQ(image.segments[0].address, 0x10000u);
    EXPECT_EQ(*image.entry, 0x12340u + 0x10u);
}

TEST(IntelHex, SegmentAddressWrapsInsideTheSegment)
{
    // Segment 0x1000 (base 0x10000), offset 0xFFFE, 4 bytes: two at 0x1FFFE, two wrap to 0x10000.
    const Image image = parse_intel_hex(rec(2, 0, {0x10, 0x00}) + rec(0, 0xFFFE, {0xAA, 0xBB, 0xCC, 0xDD}) + kEof, "fw.hex");
    ASSERT_EQ(image.segments.size(), 2u);
    EXPECT_EQ(image.segments[0].address, 0x10000u);
    EXPECT_EQ(image.segments[0].data, (std::vector<uint8_t>{0xCC, 0xDD}));
    EXPECT_EQ(image.segments[1].address, 0x1FFFEu);
}

TEST(IntelHex, AcceptsLowercaseAndBlankLines)
{
    const Image image = parse_intel_hex("\n:0400000001020304f2\n\n:00000001ff\n\n", "fw.hex");
    EXPECT_EQ(image.total_bytes(), 4u);
}

TEST(IntelHex, AcceptsAByteOrderMark)
{
    EXPECT_EQ(parse_intel_hex("\xEF\xBB\xBF" + rec(0, 0, {1, 2}) + kEof, "fw.hex").total_bytes(), 2u);
}

TEST(IntelHex, BadChecksumNamesLineAndExpectedValue)
{
    const std::string message = error_of(":0400000001020304F2\n:0400000001020304F3\n:00000001FF\n");
    EXPECT_TRUE(contains(message, "line 2")) << message;
    EXPECT_TRUE(contains(message, "0xF3")) << message;
    EXPECT_TRUE(contains(message, "0xF2")) << message;
    EXPECT_TRUE(contains(message, "fw.hex")) << message;
}

TEST(IntelHex, OverlappingRecordsNameBothLines)
{
    const std::string message =
        error_of(rec(0, 0, {1, 2, 3, 4}) + rec(0, 0x10, {0x11, 0x22}) + rec(0, 2, {0x55, 0xAA}) + kEof);
    EXPECT_TRUE(contains(message, "line 1 and line 3")) << message;
    EXPECT_TRUE(contains(message, "0x00000002")) << message;
}

TEST(IntelHex, MissingEndOfFileRecord)
{
    EXPECT_TRUE(contains(error_of(":0400000001020304F2\n"), "end-of-file"));
    EXPECT_TRUE(contains(error_of(""), "end-of-file"));
}

TEST(IntelHex, DataAfterEndOfFile)
{
    const std::string message = error_of(":00000001FF\n:0400000001020304F2\n");
    EXPECT_TRUE(contains(message, "line 2")) << message;
}

TEST(IntelHex, BadCharacterNamesColumn)
{
    const std::string message = error_of(":04000000010203G4F2\n:00000001FF\n");
    EXPECT_TRUE(contains(message, "'G'")) << message;
    EXPECT_TRUE(contains(message, "column 16")) << message;
}

TEST(IntelHex, MissingColon)
{
    EXPECT_TRUE(contains(error_of("0400000001020304F2\n:00000001FF\n"), "must start with ':'"));
}

TEST(IntelHex, LengthMismatchOddDigitsAndShortRecords)
{
    EXPECT_TRUE(contains(error_of(":0500000001020304F1\n:00000001FF\n"), "byte count says 5"));
    EXPECT_TRUE(contains(error_of(":0400000001020304F\n:00000001FF\n"), "odd number"));
    EXPECT_TRUE(contains(error_of(":0000\n:00000001FF\n"), "too short"));
}

TEST(IntelHex, UnknownRecordTypeAndWrongSpecialLengths)
{
    EXPECT_TRUE(contains(error_of(rec(6, 0, {}) + kEof), "record type 6"));
    EXPECT_TRUE(contains(error_of(rec(4, 0, {0}) + kEof), "must hold 2 bytes"));
    EXPECT_TRUE(contains(error_of(rec(1, 0, {0})), "must hold 0 bytes"));
}

TEST(IntelHex, DataPastFourGigabytes)
{
    EXPECT_TRUE(contains(error_of(rec(4, 0, {0xFF, 0xFF}) + rec(0, 0xFFFE, {1, 2, 3, 4}) + kEof), "32-bit address space"));
}

}  // namespace
}  // namespace hiltest::image
