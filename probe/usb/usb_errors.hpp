#pragma once
// libusb result codes turned into hiltest errors with kinds and remedies. A permission
// problem must never look like "probe not found": it says how to install the udev rules.
#include <string_view>

#include "probe/base/error.hpp"

namespace hiltest::probe::usb {

inline constexpr std::string_view kUdevRemedy =
    "install hiltest's udev rules and re-plug the ST-Link: "
    "sudo cp ci/udev/*.rules /etc/udev/rules.d/ && sudo udevadm control --reload && "
    "sudo udevadm trigger (and make sure your user is in the 'plugdev' group)";

// `code` is a negative libusb_error; `during` says what was being done, in user terms.
Error usb_error(int code, std::string_view during);

}  // namespace hiltest::probe::usb
