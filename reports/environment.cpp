#include "reports/environment.hpp"

extern char** environ;  // POSIX

namespace hiltest::reports {

Environment Environment::from_process()
{
    Environment environment;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const std::size_t equals = text.find('=');
        if (equals != std::string_view::npos) {
            environment.variables.emplace(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
        }
    }
    return environment;
}

std::optional<std::string> Environment::get(std::string_view name) const
{
    const auto found = variables.find(name);
    if (found == variables.end()) {
        return std::nullopt;
    }
    return found->second;
}

bool Environment::has_value(std::string_view name) const
{
    const auto value = get(name);
    return value && !value->empty();
}

}  // namespace hiltest::reports
