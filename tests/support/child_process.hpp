#pragma once
// Runs a program as a user would (the hiltest binary, st-flash, OpenOCD …) to its end and returns
// its exit code and its stdout and stderr as it wrote them. A program that hangs is killed after
// the timeout and reported as a test failure naming the command, never as a hung test.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "probe/base/external_command.hpp"

namespace hiltest::testing {

inline CommandResult run_program(const std::vector<std::string>& argv,
                                 std::chrono::seconds timeout = std::chrono::seconds(120))
{
    ExternalCommand command(argv);
    command.timeout = timeout;
    CommandResult result = run_external_command(command);
    if (result.timed_out) ADD_FAILURE() << "timed out: " << quote_command_line(argv) << "\n" << result.output;
    return result;
}

}  // namespace hiltest::testing
