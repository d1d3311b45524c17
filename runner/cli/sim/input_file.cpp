#include "runner/cli/sim/input_file.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "probe/base/error.hpp"

namespace hiltest::cli {

std::string read_input_file(const std::string& path, std::string_view option)
{
    std::error_code error;
    std::ifstream in(path, std::ios::binary);
    std::string bytes;
    if (in.is_open() && std::filesystem::is_regular_file(path, error))
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.is_open() || !std::filesystem::is_regular_file(path, error) || in.bad())
        throw Error(ErrorKind::Usage, std::string(option) + ": cannot read '" + path + "'",
                    "check the file's path and that it can be read");
    return bytes;
}

}  // namespace hiltest::cli
