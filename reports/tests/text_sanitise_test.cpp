#include "reports/text_sanitise.hpp"

#include <gtest/gtest.h>

#include "reports/tests/sample_reports.hpp"

namespace hiltest::reports {
namespace {

bool is_valid_utf8_without_controls(const std::string& text)
{
    // Re-sanitising valid printable text must not change it.
    return printable_text(text) == text;
}

TEST(ReportText, PrintableTextKeepsOrdinaryTextAndUnicode)
{
    EXPECT_EQ(printable_text("hello\tworld\nä ✓ 😀"), "hello\tworld\nä ✓ 😀");
}

TEST(ReportText, PrintableTextEscapesControlsAndBadBytes)
{
    EXPECT_EQ(printable_text(std::string("a\0b", 3)), "a\\x00b");
    EXPECT_EQ(printable_text("\x1b[31m"), "\\x1B[31m");
    EXPECT_EQ(printable_text("\xff"), "\\xFF");
    EXPECT_EQ(printable_text("\xc0\xaf"), "\\xC0\\xAF");          // overlong '/'
    EXPECT_EQ(printable_text("\xed\xa0\x80"), "\\xED\\xA0\\x80");  // surrogate
    EXPECT_EQ(printable_text("\xef\xbf\xbf"), "\\u{FFFF}");
    EXPECT_EQ(printable_text("\xc2\x85"), "\\u{85}");
    EXPECT_EQ(printable_text("\xe2\x9c"), "\\xE2\\x9C");  // truncated sequence
}

TEST(ReportText, PrintableTextNormalisesLineEnds)
{
    EXPECT_EQ(printable_text("a\r\nb\rc\n"), "a\nb\nc\n");
    EXPECT_EQ(printable_line("a\r\nb\tc"), "a b c");
}

TEST(ReportText, HostileBytesComeOutClean)
{
    const std::string text = printable_text(testing::hostile_bytes());
    EXPECT_TRUE(is_valid_utf8_without_controls(text));
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_EQ(text.find('\0'), std::string::npos);
}

TEST(JunitText, XmlEscapesMetacharacters)
{
    EXPECT_EQ(xml_text("<a & b>"), "&lt;a &amp; b&gt;");
    EXPECT_EQ(xml_attribute("\"x\" 'y'\nz"), "&quot;x&quot; &apos;y&apos;&#10;z");
}

}  // namespace
}  // namespace hiltest::reports
