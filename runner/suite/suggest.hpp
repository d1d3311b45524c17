#pragma once
// "Did you mean …?" for names users type: keys, step kinds, enum values.
#include <string>
#include <string_view>
#include <vector>

namespace hiltest::suite {

// Edit distance (insertions, deletions, substitutions, adjacent swaps), case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to typed when it is plausibly a typo of it; empty otherwise.
std::string closest_match(std::string_view typed, const std::vector<std::string_view>& candidates);

// "a, b or c"
std::string join_alternatives(const std::vector<std::string_view>& names);

}  // namespace hiltest::suite
