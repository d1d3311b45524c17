#include "probe/usb/usb_errors.hpp"

#include <libusb.h>

#include <string>

namespace hiltest::probe::usb {

Error usb_error(int code, std::string_view during)
{
    const std::string what = std::string(during) + ": " + libusb_strerror(code);
    switch (code) {
    case LIBUSB_ERROR_ACCESS:
        return Error(ErrorKind::Permission,
                     std::string(during) + ": the operating system denies access to the ST-Link",
                     std::string(kUdevRemedy));
    case LIBUSB_ERROR_TIMEOUT:
        return Error(ErrorKind::UsbTimeout, what + " (the ST-Link did not answer in time)",
                     "re-plug the ST-Link; if it keeps happening use a shorter USB cable or "
                     "another port");
    case LIBUSB_ERROR_NO_DEVICE:
    case LIBUSB_ERROR_NOT_FOUND:
        return Error(ErrorKind::UsbGone, what + " (the ST-Link was unplugged or re-enumerated)",
                     "plug the ST-Link back in and run the command again");
    case LIBUSB_ERROR_BUSY:
        return Error(ErrorKind::UsbIo, what + " (another program holds the ST-Link)",
                     "close OpenOCD, st-util, STM32CubeProgrammer or other debuggers using it");
    case LIBUSB_ERROR_PIPE:
        return Error(ErrorKind::UsbIo, what + " (endpoint stalled)",
                     "hiltest clears the stall and retries; if it persists re-plug the ST-Link");
    default:
        return Error(ErrorKind::UsbIo, what, "re-plug the ST-Link and try again");
    }
}

}  // namespace hiltest::probe::usb
