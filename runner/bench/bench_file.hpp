#pragma once
// Bench files: JSON text in, a validated Bench out. Problems are hiltest::Error(SuiteInvalid)
// with file:line:column and the JSON path, like suite files.
#include <filesystem>
#include <string_view>
#include <vector>

#include "runner/bench/bench_model.hpp"
#include "runner/suite/parser.hpp"

namespace hiltest::bench {

// `options.variables` expands ${name} in paths and hook commands (e.g. ${firmware_dir}).
Bench parse_bench(std::string_view text, const std::filesystem::path& bench_file, const suite::ParseOptions& options = {});
Bench load_bench(const std::filesystem::path& bench_file, const suite::ParseOptions& options = {});

// "all" or "NAME,NAME…" (in bench order); an unknown name is a Usage error listing the boards.
std::vector<const BoardSpec*> select_boards(const Bench& bench, std::string_view selection);

}  // namespace hiltest::bench
