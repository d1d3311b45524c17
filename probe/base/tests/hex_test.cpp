#include "probe/base/hex.hpp"

#include <gtest/gtest.h>

namespace hiltest {
namespace {

TEST(Hex, WritesAWordWithEightUpperCaseDigits)
{
    EXPECT_EQ(hex(0x08000000), "0x08000000");
    EXPECT_EQ(hex(0xe000ed28), "0xE000ED28");
    EXPECT_EQ(hex(0), "0x00000000");
}

TEST(Hex, PadsToTheGivenWidthAndWidensForLargerValues)
{
    EXPECT_EQ(hex(0xAB, 2), "0xAB");
    EXPECT_EQ(hex(0x5, 2), "0x05");
    EXPECT_EQ(hex(0x410, 3), "0x410");
    EXPECT_EQ(hex(0x1234, 2), "0x1234");
    EXPECT_EQ(hex(0x1FFFFFFFFull), "0x1FFFFFFFF");
}

TEST(Hex, WritesBytesAsLowerCaseDigitPairs)
{
    const std::uint8_t bytes[] = {0x12, 0x01, 0x00, 0xAB};
    EXPECT_EQ(hex_digits(bytes), "120100ab");
    EXPECT_EQ(hex_digits({}), "");
}

}  // namespace
}  // namespace hiltest
