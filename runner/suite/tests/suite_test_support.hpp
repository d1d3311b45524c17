#pragma once
// Helpers shared by the suite parser tests.
#include <filesystem>
#include <string>

#include <unistd.h>
#include <string_view>

#include <gtest/gtest.h>

#include "probe/base/error.hpp"
#include "runner/suite/parser.hpp"

namespace hiltest::suite::testing {

// A path in the temporary folder that no other test process uses at the same time (several
// build trees may run these tests concurrently).
inline std::filesystem::path unique_temp_path(const std::string& name)
{
    return std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
}

// The message of the SuiteInvalid error parsing text raises; fails the test if none.
inline std::string suite_error(std::string_view text, const ParseOptions& options = {})
{
    try {
        parse_suite(text, "dir/blink.json", options);
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::SuiteInvalid) << error.what();
        EXPECT_FALSE(error.remedy().empty()) << error.what();
        return error.what();
    }
    ADD_FAILURE() << "expected a suite error for:\n" << text;
    return {};
}

// A minimal valid suite around one step object.
inline std::string suite_with_step(std::string_view step)
{
    return R"({"name": "s", "probe": "sim", "firmware": "fw.elf", "tests": [{"name": "t", "steps": [)" +
           std::string(step) + "]}]}";
}

}  // namespace hiltest::suite::testing
