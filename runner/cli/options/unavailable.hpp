#pragma once
// Parts a hiltest can be built without (the CMake options HILTEST_SIMULATOR and
// HILTEST_SIM_USB): what the user asked for that needs one of them fails with a Usage error
// that says how to get it, instead of an unknown command or a missing library.
#include <string>

#include <CLI/CLI.hpp>

#include "probe/base/error.hpp"

namespace hiltest::cli {

// `needs` says what the user asked for: "--probe sim", "hiltest sim run", "the simulated board 'bp-2'".
Error built_without_simulator(const std::string& needs);
Error built_without_sim_usb(const std::string& needs);

enum class MissingPart { Simulator, SimUsb };

// A command `name` of `parent` that this build lacks: left out of --help, it takes whatever
// follows it and fails with the error above.
void add_unavailable_command(CLI::App& parent, const std::string& name, MissingPart missing);

}  // namespace hiltest::cli
