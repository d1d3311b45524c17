#include "runner/cli/options/duration_option.hpp"

#include <cmath>
#include <cstdlib>

#include "probe/base/error.hpp"

namespace hiltest::cli {

std::chrono::nanoseconds parse_duration(const std::string& text, const std::string& option)
{
    const Error bad(ErrorKind::Usage, option + " '" + text + "' is not a duration",
                    "write a number with a unit: 3s, 500ms, 2.5s, 100us, 250ns, 1min");
    const char* begin = text.c_str();
    char* end = nullptr;
    const double number = std::strtod(begin, &end);
    if (end == begin || !std::isfinite(number) || number < 0) throw bad;
    const std::string unit(end);
    double scale = 0;
    if (unit == "s")
        scale = 1e9;
    else if (unit == "ms")
        scale = 1e6;
    else if (unit == "us" || unit == "\u00B5s")
        scale = 1e3;
    else if (unit == "ns")
        scale = 1;
    else if (unit == "min")
        scale = 60e9;
    else
        throw bad;
    const double nanoseconds = number * scale;
    if (nanoseconds > 3600e9)
        throw Error(ErrorKind::Usage, option + " '" + text + "' is longer than an hour of simulated time",
                    "run shorter pieces");
    return std::chrono::nanoseconds(std::llround(nanoseconds));
}

CLI::Option* add_duration_option(CLI::App& command, const std::string& option, std::chrono::nanoseconds& duration,
                                 const std::string& help)
{
    return command.add_option_function<std::string>(
        option, [&duration, option](const std::string& text) { duration = parse_duration(text, option); }, help);
}

}  // namespace hiltest::cli
