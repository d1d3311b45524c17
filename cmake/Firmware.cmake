# Builds fixtures/firmware as a separate CMake project with the arm-none-eabi toolchain.
# Images land in ${HILTEST_FIRMWARE_DIR}/<name>.{elf,bin,hex}; tests get the path as HILTEST_FIRMWARE_DIR.
include(ExternalProject)

find_program(ARM_NONE_EABI_GCC arm-none-eabi-gcc)
if(NOT ARM_NONE_EABI_GCC)
  message(FATAL_ERROR "arm-none-eabi-gcc not found: run ci/setup (Debian package gcc-arm-none-eabi), "
                      "or configure with -DHILTEST_BUILD_FIRMWARE=OFF")
endif()

set(HILTEST_FIRMWARE_DIR ${CMAKE_BINARY_DIR}/firmware CACHE INTERNAL "Where the built firmware images are")

ExternalProject_Add(firmware
  SOURCE_DIR ${PROJECT_SOURCE_DIR}/fixtures/firmware
  BINARY_DIR ${CMAKE_BINARY_DIR}/firmware-build
  CMAKE_ARGS
    -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/arm-none-eabi.cmake
    -DCMAKE_BUILD_TYPE=MinSizeRel
    -DFIRMWARE_OUTPUT_DIR=${HILTEST_FIRMWARE_DIR}
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON
  USES_TERMINAL_BUILD ON)
