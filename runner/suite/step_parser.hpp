#pragma once
// Parsing of one step object ({"do": "expect_blink", ...}) and the small value types steps share.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/suite/json_reader.hpp"
#include "runner/suite/model.hpp"

namespace hiltest::suite {

// The step kinds a suite may use, in documentation order.
const std::vector<std::string_view>& step_kinds();

// Parses a step; the suite supplies defaults and whether firmware was declared.
Step parse_step(const Node& node, const Suite& suite);

// 8, 16 or 32.
unsigned parse_width(const Node& node);

// "PC13" (case-insensitive). fail is called with a message and must throw.
Pin parse_pin_name(std::string_view text, const std::function<void(const std::string&)>& fail);

}  // namespace hiltest::suite
