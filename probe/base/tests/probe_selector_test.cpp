#include "probe/base/probe_selector.hpp"

#include <gtest/gtest.h>

#include "probe/base/error.hpp"

using namespace hiltest;
using namespace hiltest::probe;

TEST(ProbeSelector, PlainStlinkMeansAny)
{
    EXPECT_EQ(ProbeSelector::parse("stlink").kind(), ProbeSelector::Kind::AnyStlink);
}

TEST(ProbeSelector, SerialForm)
{
    const auto s = ProbeSelector::parse("stlink:066DFF495056805087");
    EXPECT_EQ(s.kind(), ProbeSelector::Kind::StlinkSerial);
    EXPECT_EQ(s.serial(), "066DFF495056805087");
    EXPECT_TRUE(s.matches("066dff495056805087", 1, {2}));
    EXPECT_FALSE(s.matches("066DFF495056805088", 1, {2}));
}

TEST(ProbeSelector, UsbPathForm)
{
    const auto s = ProbeSelector::parse("usb:3-1.4.2");
    EXPECT_EQ(s.kind(), ProbeSelector::Kind::UsbPath);
    EXPECT_EQ(s.bus(), 3);
    EXPECT_EQ(s.ports(), (std::vector<uint8_t>{1, 4, 2}));
    EXPECT_TRUE(s.matches("X", 3, {1, 4, 2}));
    EXPECT_FALSE(s.matches("X", 3, {1, 4}));
    EXPECT_EQ(s.to_string(), "usb:3-1.4.2");
}

TEST(ProbeSelector, SimForm)
{
    EXPECT_EQ(ProbeSelector::parse("sim").kind(), ProbeSelector::Kind::Simulated);
    EXPECT_FALSE(ProbeSelector::parse("sim").matches("", 1, {1}));
}

TEST(ProbeSelector, RejectsMalformedWithUsageError)
{
    for (const char* bad : {"stlink:", "usb:1", "usb:x-1", "usb:1-", "usb:1-300", "jlink", "stlink:ab-cd"}) {
        try {
            ProbeSelector::parse(bad);
            ADD_FAILURE() << bad << " was accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Usage) << bad;
            EXPECT_NE(e.remedy().find("stlink:SERIAL"), std::string::npos);
        }
    }
}

// The rules the CLI's and the input files' parsers disagreed on, settled by what the docs promise.
TEST(ProbeSelector, AnEmptyTextIsNoSelector)
{
    // The CLI took "" for "stlink"; no document names an empty selector.
    std::string problem;
    EXPECT_FALSE(ProbeSelector::parse("", problem));
    EXPECT_EQ(problem, "it is empty");
    EXPECT_THROW(ProbeSelector::parse(""), Error);
}

TEST(ProbeSelector, ASerialIsLettersAndDigits)
{
    // docs/bench-format.md: "a serial is letters and digits only"; input files took any text.
    std::string problem;
    for (const char* bad : {"stlink:ab-cd", "stlink:0?7", "stlink:a b"}) {
        EXPECT_FALSE(ProbeSelector::parse(bad, problem)) << bad;
        EXPECT_EQ(problem, "a serial has only letters and digits") << bad;
    }
    EXPECT_TRUE(ProbeSelector::is_writable_serial("55FF6E064989575140271687"));
    EXPECT_FALSE(ProbeSelector::is_writable_serial("55FF?E06"));
    EXPECT_FALSE(ProbeSelector::is_writable_serial(""));
}

TEST(ProbeSelector, UsbNumbersAreBytesAndPrintedPlain)
{
    // Input files took up to three digits of any value (usb:999-1); the USB bus and port numbers
    // are bytes. Leading zeros as lsusb prints them are read, and printed without.
    std::string problem;
    EXPECT_FALSE(ProbeSelector::parse("usb:999-1", problem));
    EXPECT_EQ(problem, "bus '999' is not a number 0-255");
    EXPECT_FALSE(ProbeSelector::parse("usb:1-2.256", problem));
    EXPECT_EQ(problem, "port '256' is not a number 0-255");
    EXPECT_EQ(ProbeSelector::parse("usb:001-04.2").to_string(), "usb:1-4.2");
    EXPECT_EQ(ProbeSelector::parse("usb:1-1.2.3.4.5.6.7").ports().size(), 7u);
    EXPECT_FALSE(ProbeSelector::parse("usb:1-1.2.3.4.5.6.7.8", problem));
    EXPECT_EQ(problem, "USB allows at most 7 hub levels");
    EXPECT_FALSE(ProbeSelector::parse("usb:1-2..3", problem));
}

TEST(ProbeSelector, AProblemDoesNotRepeatALongText)
{
    std::string problem;
    EXPECT_FALSE(ProbeSelector::parse("usb:1-" + std::string(300, '9'), problem));
    EXPECT_LT(problem.size(), 50u) << problem;
    EXPECT_FALSE(ProbeSelector::parse(std::string(300, 'x'), problem));
    EXPECT_EQ(problem, "unknown form");
}

TEST(ProbeSelector, PrintsWhatItReadsBack)
{
    for (const char* text : {"sim", "stlink", "stlink:066DFF495056805087", "usb:1-4.2", "usb:3-1"}) {
        EXPECT_EQ(ProbeSelector::parse(text).to_string(), text);
        EXPECT_EQ(ProbeSelector::parse(ProbeSelector::parse(text).to_string()), ProbeSelector::parse(text));
    }
}

TEST(ProbeSelector, TheDefaultIsTheSimulatedBoard)
{
    // What a suite or board holds before its "probe" is read: never real hardware by accident.
    EXPECT_TRUE(ProbeSelector().is_simulated());
    EXPECT_EQ(ProbeSelector(), ProbeSelector::parse("sim"));
}

TEST(ProbeSelector, KeepsAnySerialADongleReports)
{
    // A dongle that re-enumerates is looked for by the serial it reported, '?' and all.
    const ProbeSelector again = ProbeSelector::stlink_serial("0?6DFF");
    EXPECT_TRUE(again.matches("0?6dff", 1, {1}));
}
