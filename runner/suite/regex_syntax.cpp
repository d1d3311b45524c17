#include "runner/suite/regex_syntax.hpp"

// See the header: a known g++ 12 false positive inside libstdc++'s <regex> (std::function copy
// in _State), only with optimisation and sanitizers.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>

namespace hiltest::suite {

std::string ecmascript_regex_error(const std::string& pattern)
{
    // libstdc++ compiles and matches regular expressions recursively: bound what a suite may ask
    // for so a pattern cannot exhaust the stack.
    constexpr std::size_t kMaxLength = 1024;
    constexpr int kMaxGroupDepth = 16;
    if (pattern.size() > kMaxLength) {
        return "longer than " + std::to_string(kMaxLength) + " characters";
    }
    int depth = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '\\') {
            ++i;
        } else if (pattern[i] == '(' && ++depth > kMaxGroupDepth) {
            return "groups nested deeper than " + std::to_string(kMaxGroupDepth) + " levels";
        } else if (pattern[i] == ')') {
            --depth;
        }
    }
    try {
        const std::regex compiled(pattern, std::regex::ECMAScript);
        (void)compiled;
    } catch (const std::regex_error& error) {
        return error.what();
    }
    return {};
}

bool ecmascript_regex_search(std::string_view text, const std::string& pattern)
{
    const std::regex compiled(pattern, std::regex::ECMAScript);
    return std::regex_search(text.begin(), text.end(), compiled);
}

}  // namespace hiltest::suite
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
