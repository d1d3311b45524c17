#pragma once
// The JSON front end shared by hiltest's input files (suites, bench files): text to a document
// with positions for file:line:column messages, and the value kinds both kinds of file use.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "runner/suite/json_positions.hpp"
#include "runner/suite/json_reader.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::suite {

struct JsonDocument {
    nlohmann::json json;
    JsonPositions positions;
};

// Parses JSON text; `what` names the kind of file in messages ("suite", "bench file"). Invalid
// JSON, too-deep nesting, oversized text and duplicate keys throw SuiteInvalid with the position.
JsonDocument parse_json_document(std::string_view text, const std::string& file, std::string_view what);

// The whole file as text; SuiteInvalid when it cannot be opened or read.
std::string read_document_file(const std::filesystem::path& path, std::string_view what);

// "${name}" replaced from `variables`, "$$" a literal "$"; unknown names fail at `node`.
std::string substitute_variables(const Node& node, const std::string& text,
                                 const std::map<std::string, std::string>& variables);

// A probe selector (probe/base/probe_selector.hpp); its problems are reported at the node.
probe::ProbeSelector parse_probe_selector(const Node& node);

// A chip name like "stm32f103c8", lower-cased.
std::string parse_chip_name(const Node& node);

}  // namespace hiltest::suite
