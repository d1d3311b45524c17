#pragma once
// How N runners share a suite (`hiltest run --shard K/N`): every test runs in exactly one shard,
// and a test always lands in the same shard as the tests it depends on (depends_on), since a
// dependency that ran elsewhere would leave it skipped. Every runner computes the same split
// from the suite alone, whatever order the suite lists its tests in.
#include <set>
#include <string>

#include "runner/suite/model.hpp"

namespace hiltest::session {

// The names of the tests in shard `index` (0-based) of `count`. Tests linked through
// depends_on form one group, named by its alphabetically first test; the groups, sorted by
// name, are dealt out round-robin.
std::set<std::string> tests_in_shard(const suite::Suite& suite, unsigned index, unsigned count);

}  // namespace hiltest::session
