#include <gtest/gtest.h>
#include <libusb.h>

#include "probe/base/error.hpp"
#include "probe/usb/stlink_models.hpp"
#include "probe/usb/usb_errors.hpp"

using namespace hiltest;
using namespace hiltest::probe::usb;

TEST(ProbeStlinkModels, EndpointsFollowTheVariant)
{
    const auto v2 = find_stlink_model(0x0483, 0x3748);
    ASSERT_TRUE(v2);
    EXPECT_EQ(v2->out_endpoint, 0x02);
    EXPECT_EQ(v2->in_endpoint, 0x81);
    const auto v21 = find_stlink_model(0x0483, 0x374B);
    ASSERT_TRUE(v21);
    EXPECT_EQ(v21->out_endpoint, 0x01);
    const auto v3 = find_stlink_model(0x0483, 0x374F);
    ASSERT_TRUE(v3);
    EXPECT_TRUE(v3->high_speed);
    EXPECT_FALSE(find_stlink_model(0x1366, 0x3748));  // not ST's vendor ID
    EXPECT_FALSE(find_stlink_model(0x0483, 0x5740));  // an ST VCP, not an ST-Link
    EXPECT_EQ(stlink_models().size(), 12u);
}

TEST(ProbeSerial, TwentyFourCharacterSerialIsKept)
{
    std::vector<uint8_t> d{50, 3};
    for (char c : std::string("066DFF495056805087191234")) {
        d.push_back(static_cast<uint8_t>(c));
        d.push_back(0);
    }
    EXPECT_EQ(decode_serial_descriptor(d), "066DFF495056805087191234");
}

TEST(ProbeSerial, TwelveRawBytesAreHexEncoded)
{
    std::vector<uint8_t> d{26, 3};
    const uint8_t raw[12] = {0x55, 0xFF, 0x6B, 0x06, 0x49, 0x87, 0x54, 0x50, 0x32, 0x21, 0x19, 0x87};
    for (uint8_t b : raw) {
        d.push_back(b);
        d.push_back(0);
    }
    EXPECT_EQ(decode_serial_descriptor(d), "55FF6B064987545032211987");
}

TEST(ProbeUsbErrors, AccessIsAPermissionErrorWithUdevRemedy)
{
    const Error e = usb_error(LIBUSB_ERROR_ACCESS, "opening the ST-Link");
    EXPECT_EQ(e.kind(), ErrorKind::Permission);
    EXPECT_NE(e.remedy().find("ci/udev"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("not found"), std::string::npos);
}

TEST(ProbeUsbErrors, KindsFollowTheLibusbCode)
{
    EXPECT_EQ(usb_error(LIBUSB_ERROR_TIMEOUT, "x").kind(), ErrorKind::UsbTimeout);
    EXPECT_EQ(usb_error(LIBUSB_ERROR_NO_DEVICE, "x").kind(), ErrorKind::UsbGone);
    EXPECT_EQ(usb_error(LIBUSB_ERROR_PIPE, "x").kind(), ErrorKind::UsbIo);
    EXPECT_EQ(usb_error(LIBUSB_ERROR_BUSY, "x").kind(), ErrorKind::UsbIo);
    EXPECT_EQ(usb_error(LIBUSB_ERROR_OVERFLOW, "x").kind(), ErrorKind::UsbIo);
}
