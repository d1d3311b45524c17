#pragma once
// The process environment as a value: writers that react to NO_COLOR, GITHUB_ACTIONS … take it
// as a parameter so tests can set both cases and nothing reads getenv deep inside.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hiltest::reports {

struct Environment {
    std::map<std::string, std::string, std::less<>> variables;

    // Reads the real environment; call once, at the command line's edge.
    static Environment from_process();

    std::optional<std::string> get(std::string_view name) const;
    // Set and not empty.
    bool has_value(std::string_view name) const;
};

}  // namespace hiltest::reports
