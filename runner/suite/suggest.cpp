#include "runner/suite/suggest.hpp"

#include <algorithm>
#include <cctype>

namespace hiltest::suite {

namespace {

char lower(char c)
{
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    // Optimal string alignment distance over three rolling rows.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1])) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        before.swap(previous);
        previous.swap(current);
    }
    return previous[b.size()];
}

std::string closest_match(std::string_view typed, const std::vector<std::string_view>& candidates)
{
    // Long inputs (fuzzers, pasted garbage) cannot be typos of our short names.
    if (typed.empty() || typed.size() > 64) {
        return {};
    }
    std::string_view best;
    std::size_t best_distance = 0;
    for (std::string_view candidate : candidates) {
        const std::size_t distance = edit_distance(typed, candidate);
        if (best.empty() || distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    const std::size_t allowed = std::max<std::size_t>(1, std::min(typed.size(), best.size()) / 3);
    if (best.empty() || best_distance > allowed) {
        return {};
    }
    return std::string(best);
}

std::string join_alternatives(const std::vector<std::string_view>& names)
{
    std::string joined;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            joined += i + 1 == names.size() ? " or " : ", ";
        }
        joined += names[i];
    }
    return joined;
}

}  // namespace hiltest::suite
