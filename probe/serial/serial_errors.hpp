#pragma once
// What a serial port's failures mean to the user: errno values turned into ErrorKind::SerialPort
// errors that name the port, say the cause in bench terms and give a remedy that exists.
#include <string>
#include <string_view>
#include <vector>

#include "probe/base/error.hpp"

namespace hiltest::probe::serial {

// The ports libserialport sees on this machine (sp_list_ports), for "not found" remedies.
std::vector<std::string> serial_ports_present();

// Opening `port` failed with `error_number` (an errno value). `ports_present` is only used when
// the port does not exist.
Error open_error(std::string_view port, int error_number, const std::vector<std::string>& ports_present);

// `port` went away mid-run or failed; `cause` says what was seen ("hang-up", a system message).
Error lost_error(std::string_view port, std::string_view cause);

}  // namespace hiltest::probe::serial
