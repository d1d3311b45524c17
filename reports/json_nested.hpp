#pragma once
// The JSON of what a test carries besides its steps' verdicts: the output channels it captured
// and the on-target cases of its run_tests steps. Shared by the JSON writer and reader
// (json_report.cpp), which stay the one place the report's shape is decided.
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/result.hpp"

namespace hiltest::reports {

// [{"channel": "uart1", "lines": [{"at_ms": 12.5, "text": "boot\n"}, …], "dropped_bytes": 0}, …]
// Each line keeps its newline; its time is when its first byte arrived. The texts joined are
// the channel's text as printable_text shows it.
nlohmann::json outputs_to_json(const std::vector<ChannelOutput>& outputs);
std::vector<ChannelOutput> outputs_from_json(const nlohmann::json& outputs);

// [{"name": …, "suite": …, "status": "failed", "message": …, "file": …, "line": 12, "duration_ms": …}]
nlohmann::json cases_to_json(const std::vector<OnTargetCase>& cases);
std::vector<OnTargetCase> cases_from_json(const nlohmann::json& cases);

}  // namespace hiltest::reports
