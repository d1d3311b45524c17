#pragma once
// The suite's firmware, ready for the session: built if the suite says how, loaded, and its
// symbols available for symbol-based steps.
#include <optional>
#include <string>

#include "probe/flash/image.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::session {

struct Firmware {
    probe::flash::Image image;
    std::string path;
    std::string sha256;
    std::string build_output;  // what the build command printed, if one ran
};

// Throws hiltest::Error: SuiteInvalid when the build fails (its output in the message),
// ImageFormat when the image cannot be read.
std::optional<Firmware> prepare_firmware(const suite::Suite& suite);

// The address of a memory location in the suite; symbols need the firmware's ELF symbols.
// Throws SuiteInvalid naming the step's place in the suite.
uint32_t resolve_location(const suite::MemoryLocation& location, const std::optional<Firmware>& firmware,
                          const suite::SourceLocation& where);

// Checks every symbol the suite uses before anything runs on the target.
void check_symbols(const suite::Suite& suite, const std::optional<Firmware>& firmware);

}  // namespace hiltest::session
