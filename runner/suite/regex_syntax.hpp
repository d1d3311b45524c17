#pragma once
// ECMAScript regular expressions for expect_output. Kept in one translation unit because
// g++ 12 reports a false -Wmaybe-uninitialized inside <regex> under -O2 with sanitizers.
#include <string>
#include <string_view>

namespace hiltest::suite {

// Empty when pattern is a valid ECMAScript regular expression, else what is wrong with it.
std::string ecmascript_regex_error(const std::string& pattern);

// Whether pattern (valid, see above) matches somewhere in text.
bool ecmascript_regex_search(std::string_view text, const std::string& pattern);

}  // namespace hiltest::suite
