# Helpers that give every project target the same warnings, sanitizers and test wiring.

# Warnings are errors in CI and for developers (ci/test turns HILTEST_WERROR on); a user or a
# packager building with another compiler version gets warnings, not a failed build.
option(HILTEST_WERROR "Treat compiler warnings as errors (ci/test and developer builds)" OFF)
set(HILTEST_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
if(HILTEST_WERROR)
  list(APPEND HILTEST_WARNINGS -Werror)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 warns falsely about std::string concatenation under -O3 (-Wrestrict inside
  # char_traits.h, GCC bug 105329): with -Werror a Release build would not build at all.
  list(APPEND HILTEST_WARNINGS -Wno-restrict)
endif()

function(hiltest_apply_options target)
  target_compile_options(${target} PRIVATE ${HILTEST_WARNINGS})
  if(HILTEST_FUZZ)
    # Coverage feedback for the fuzzers reaches into the libraries they link.
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
  if(HILTEST_SANITIZE)
    # GCC 12 reports false maybe-uninitialized warnings inside <regex> and <functional> once the
    # sanitizers instrument them; they stay warnings there, not errors.
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
                           -Wno-error=maybe-uninitialized)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# hiltest_library(NAME SOURCES... [DEPS ...]): one library per component.
# Headers are included by their path from the repository root, e.g. "probe/usb/transport.hpp".
function(hiltest_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(ARG_SOURCES)
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${ARG_DEPS})
    hiltest_apply_options(${name})
    if(HILTEST_SANITIZE)
      target_link_options(${name} INTERFACE -fsanitize=address,undefined)
    endif()
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()

# hiltest_test(NAME SOURCES... [DEPS ...] [LABELS ...] [NEEDS_FIRMWARE]): a GoogleTest executable
# registered with CTest. Label no-sanitizer: the tests cannot run in the ASan build (ci/test leaves
# them out there). NEEDS_FIRMWARE: the test reads the built fixture firmware
# (tests/support/firmware_paths.hpp), so a build with HILTEST_BUILD_FIRMWARE=OFF leaves it out.
function(hiltest_test name)
  cmake_parse_arguments(ARG "NEEDS_FIRMWARE" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(ARG_NEEDS_FIRMWARE AND NOT HILTEST_BUILD_FIRMWARE)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  hiltest_apply_options(${name})
  if(HILTEST_BUILD_FIRMWARE)
    add_dependencies(${name} firmware)
    target_compile_definitions(${name} PRIVATE HILTEST_FIRMWARE_DIR="${HILTEST_FIRMWARE_DIR}")
  endif()
  target_compile_definitions(${name} PRIVATE HILTEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  if(ARG_LABELS)
    gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${ARG_LABELS}")
  else()
    gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

# hiltest_fuzzer(NAME SOURCES... [DEPS ...] [CORPUS dir]): a libFuzzer target, built only with
# HILTEST_FUZZ (clang). ci/test runs each one briefly, starting from the seed corpus if given.
function(hiltest_fuzzer name)
  cmake_parse_arguments(ARG "" "CORPUS" "SOURCES;DEPS" ${ARGN})
  if(NOT HILTEST_FUZZ)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  set_property(GLOBAL APPEND PROPERTY HILTEST_FUZZERS "$<TARGET_FILE:${name}> ${ARG_CORPUS}")
  set_property(GLOBAL APPEND PROPERTY HILTEST_FUZZER_TARGETS ${name})
endfunction()

# Writes fuzzers.txt (one "binary [seed-corpus]" per line) and the hiltest_fuzzers target.
function(hiltest_finish_fuzzers)
  add_custom_target(hiltest_fuzzers)
  get_property(targets GLOBAL PROPERTY HILTEST_FUZZER_TARGETS)
  get_property(lines GLOBAL PROPERTY HILTEST_FUZZERS)
  foreach(target ${targets})
    add_dependencies(hiltest_fuzzers ${target})
  endforeach()
  list(JOIN lines "\n" content)
  file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/fuzzers.txt CONTENT "${content}\n")
endfunction()

# hiltest_python_check(NAME SCRIPT [ARGS ...]): a CTest that runs a Python check script (schema
# and docs consistency, workflow templates). Always registered: a missing module (python3-yaml,
# python3-jsonschema: ci/setup installs them) fails the check instead of silently skipping it.
function(hiltest_python_check name script)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  add_test(NAME ${name} COMMAND Python3::Interpreter ${script} ${ARGN})
endfunction()
