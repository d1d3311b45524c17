#pragma once
// Where the tests find the built fixture firmware (fixtures/firmware, built by cmake/Firmware.cmake
// into HILTEST_FIRMWARE_DIR). A test that includes this is declared NEEDS_FIRMWARE in CMake
// (hiltest_test), which defines the path and leaves the test out of builds without firmware.
#include <string>
#include <string_view>

#ifndef HILTEST_FIRMWARE_DIR
#error "this test needs the fixture firmware: declare it with hiltest_test(... NEEDS_FIRMWARE)"
#endif

namespace hiltest::testing {

inline std::string firmware_dir() { return HILTEST_FIRMWARE_DIR; }

// A built image by file name: "semihost_hello.hex", "blink_delay.bin".
inline std::string firmware_file(std::string_view file) { return firmware_dir() + "/" + std::string(file); }

// A fixture firmware's ELF by its name: "blink_delay" is blink_delay.elf.
inline std::string firmware_elf(std::string_view name) { return firmware_file(std::string(name) + ".elf"); }

}  // namespace hiltest::testing
