// The open failures a bench meets, by errno, and their remedies.
#include <cerrno>

#include <gtest/gtest.h>

#include "probe/serial/serial_errors.hpp"

namespace hiltest::probe::serial {
namespace {

TEST(SerialErrors, NotFoundListsThePortsPresent)
{
    const Error error = open_error("/dev/ttyUSB3", ENOENT, {"/dev/ttyUSB0", "/dev/ttyACM0"});
    EXPECT_EQ(error.kind(), ErrorKind::SerialPort);
    EXPECT_STREQ(error.what(), "serial port /dev/ttyUSB3 does not exist");
    EXPECT_EQ(error.remedy(), "name one of the ports present in the bench file or suite: /dev/ttyUSB0, /dev/ttyACM0");
}

TEST(SerialErrors, NotFoundWithNoPortsSaysSo)
{
    const Error error = open_error("/dev/ttyUSB0", ENOENT, {});
    EXPECT_NE(error.remedy().find("no serial ports are present"), std::string::npos) << error.remedy();
}

TEST(SerialErrors, PermissionNamesTheDialoutGroup)
{
    const Error error = open_error("/dev/ttyUSB0", EACCES, {});
    EXPECT_EQ(error.kind(), ErrorKind::SerialPort);
    EXPECT_NE(std::string(error.what()).find("/dev/ttyUSB0"), std::string::npos);
    EXPECT_NE(error.remedy().find("dialout"), std::string::npos) << error.remedy();
    EXPECT_NE(error.remedy().find("udev"), std::string::npos) << error.remedy();
}

TEST(SerialErrors, BusySaysAnotherProgramHasIt)
{
    const Error error = open_error("/dev/ttyACM0", EBUSY, {});
    EXPECT_STREQ(error.what(), "serial port /dev/ttyACM0 is busy: another program has it open");
    EXPECT_NE(error.remedy().find("fuser /dev/ttyACM0"), std::string::npos) << error.remedy();
}

TEST(SerialErrors, LostNamesThePortAndTheCause)
{
    const Error error = lost_error("/dev/ttyUSB0", "hang-up");
    EXPECT_EQ(error.kind(), ErrorKind::SerialPort);
    EXPECT_STREQ(error.what(), "serial port /dev/ttyUSB0 went away mid-run (hang-up)");
}

}  // namespace
}  // namespace hiltest::probe::serial
