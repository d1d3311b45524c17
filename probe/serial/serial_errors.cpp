#include "probe/serial/serial_errors.hpp"

#include <libserialport.h>

#include <cerrno>
#include <memory>
#include <system_error>

#include <fmt/format.h>

namespace hiltest::probe::serial {
namespace {

struct PortListFree {
    void operator()(sp_port** list) const { sp_free_port_list(list); }
};

std::string not_found_remedy(const std::vector<std::string>& ports_present)
{
    if (ports_present.empty())
        return "no serial ports are present: plug in the USB-serial adapter (`dmesg` shows the name "
               "it gets, e.g. /dev/ttyUSB0 or /dev/ttyACM0) and name it in the bench file or suite";
    return fmt::format("name one of the ports present in the bench file or suite: {}", fmt::join(ports_present, ", "));
}

}  // namespace

std::vector<std::string> serial_ports_present()
{
    sp_port** raw = nullptr;
    if (sp_list_ports(&raw) != SP_OK) return {};
    const std::unique_ptr<sp_port*, PortListFree> list(raw);
    std::vector<std::string> names;
    for (sp_port** entry = list.get(); entry != nullptr && *entry != nullptr; ++entry)
        names.emplace_back(sp_get_port_name(*entry));
    return names;
}

Error open_error(std::string_view port, int error_number, const std::vector<std::string>& ports_present)
{
    switch (error_number) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
        return Error(ErrorKind::SerialPort, fmt::format("serial port {} does not exist", port),
                     not_found_remedy(ports_present));
    case EACCES:
    case EPERM:
        // Debian's udev rules give serial devices (ttyUSB*, ttyACM*, ttyS*) to group dialout.
        return Error(ErrorKind::SerialPort,
                     fmt::format("serial port {}: the operating system denies access to it", port),
                     "add your user to the dialout group (sudo usermod -aG dialout $USER, then log in "
                     "again), or give the adapter a udev rule with GROUP=\"dialout\" MODE=\"0660\"");
    case EBUSY:
        return Error(ErrorKind::SerialPort, fmt::format("serial port {} is busy: another program has it open", port),
                     fmt::format("close the program using it (screen, minicom, picocom, ModemManager; "
                                 "`fuser {}` names it) and run again",
                                 port));
    case ENOTTY:
        return Error(ErrorKind::SerialPort, fmt::format("{} is not a serial port", port),
                     "name the USB-serial adapter's device, e.g. /dev/ttyUSB0 or /dev/ttyACM0");
    case EINVAL:
        return Error(ErrorKind::SerialPort, fmt::format("serial port {} refuses the settings (baud rate)", port),
                     "use a standard baud rate such as 115200, the one the firmware's USART is set to");
    default:
        return Error(ErrorKind::SerialPort,
                     fmt::format("serial port {} cannot be opened: {}", port,
                                 std::system_category().message(error_number)),
                     "re-plug the USB-serial adapter and run again");
    }
}

Error lost_error(std::string_view port, std::string_view cause)
{
    return Error(ErrorKind::SerialPort, fmt::format("serial port {} went away mid-run ({})", port, cause),
                 "check the USB-serial adapter's cable and plug it back in; the bench's output after this "
                 "point was not captured");
}

}  // namespace hiltest::probe::serial
