#include "runner/session/shard_plan.hpp"

#include <gtest/gtest.h>

namespace hiltest::session {
namespace {

suite::Suite suite_of(const std::vector<std::pair<std::string, std::vector<std::string>>>& tests)
{
    suite::Suite suite;
    for (const auto& [name, depends_on] : tests) {
        suite::Test test;
        test.name = name;
        test.depends_on = depends_on;
        suite.tests.push_back(test);
    }
    return suite;
}

TEST(ShardPlan, IndependentTestsAreDealtOutByName)
{
    const suite::Suite suite = suite_of({{"delta", {}}, {"alpha", {}}, {"echo", {}}, {"charlie", {}}, {"bravo", {}}});
    EXPECT_EQ(tests_in_shard(suite, 0, 2), (std::set<std::string>{"alpha", "charlie", "echo"}));
    EXPECT_EQ(tests_in_shard(suite, 1, 2), (std::set<std::string>{"bravo", "delta"}));
    EXPECT_EQ(tests_in_shard(suite, 0, 1).size(), 5u);
}

TEST(ShardPlan, ATestStaysWithTheTestsItDependsOn)
{
    // bench-blink.json's shape: two tests depend on "flash"; split in two, they used to land in
    // the other shard and were skipped there.
    const suite::Suite suite = suite_of({{"flash", {}},
                                         {"blinks", {"flash"}},
                                         {"uptime", {"blinks"}},
                                         {"clock", {}},
                                         {"another", {}}});
    std::multiset<std::string> seen;
    for (unsigned shard = 0; shard < 3; ++shard) {
        const std::set<std::string> names = tests_in_shard(suite, shard, 3);
        seen.insert(names.begin(), names.end());
        if (names.count("uptime") || names.count("blinks")) {
            EXPECT_TRUE(names.count("flash")) << "shard " << shard;
        }
        if (names.count("uptime")) {
            EXPECT_TRUE(names.count("blinks"));
        }
    }
    EXPECT_EQ(seen, (std::multiset<std::string>{"another", "blinks", "clock", "flash", "uptime"}))
        << "every test in exactly one shard";
    // Groups by their first name: "another", "blinks" (blinks, flash, uptime), "clock".
    EXPECT_EQ(tests_in_shard(suite, 1, 3), (std::set<std::string>{"blinks", "flash", "uptime"}));
}

}  // namespace
}  // namespace hiltest::session
