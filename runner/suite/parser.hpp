#pragma once
// Suite files: JSON text in, a validated Suite out (docs/suite-format.md, docs/suite.schema.json).
// Every problem is a hiltest::Error with ErrorKind::SuiteInvalid whose message starts with
// file:line:column and the JSON path, and says what was expected.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "runner/suite/model.hpp"

namespace hiltest::suite {

struct ParseOptions {
    // ${name} in the firmware path, build command and working directory is replaced by these
    // values (e.g. "firmware_dir" -> the build's firmware folder); "$$" is a literal "$".
    std::map<std::string, std::string> variables;
};

// Parses suite text. suite_file names the file in messages and anchors relative paths (the
// firmware path and build working directory are relative to the suite file's folder). Reads no
// files.
Suite parse_suite(std::string_view text, const std::filesystem::path& suite_file,
                  const ParseOptions& options = {});

// Reads and parses a suite file.
Suite load_suite(const std::filesystem::path& suite_file, const ParseOptions& options = {});

// After any build command ran: the firmware named by the suite must exist and be a regular file;
// otherwise a SuiteInvalid error pointing at the "firmware" key.
void require_firmware_present(const Suite& suite);

}  // namespace hiltest::suite
