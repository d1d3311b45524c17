#pragma once
// Files whose bytes `hiltest sim run` hands the firmware (--uart-input, --semihosting-stdin),
// read when the command line is: a file that cannot be read is a usage error before the run.
#include <string>
#include <string_view>

namespace hiltest::cli {

// The whole file. Throws hiltest::Error (Usage) naming `option` when it is missing, a folder or
// unreadable.
std::string read_input_file(const std::string& path, std::string_view option);

}  // namespace hiltest::cli
