#include "runner/session/shard_plan.hpp"

#include <map>
#include <vector>

namespace hiltest::session {
namespace {

// Union-find over test names: the representative of a group is its alphabetically first name.
class Groups {
public:
    std::string find(const std::string& name)
    {
        auto [it, added] = parent_.try_emplace(name, name);
        if (added || it->second == name) return name;
        const std::string root = find(it->second);
        parent_[name] = root;
        return root;
    }
    void join(const std::string& a, const std::string& b)
    {
        const std::string ra = find(a);
        const std::string rb = find(b);
        if (ra == rb) return;
        if (ra < rb)
            parent_[rb] = ra;
        else
            parent_[ra] = rb;
    }

private:
    std::map<std::string, std::string> parent_;
};

}  // namespace

std::set<std::string> tests_in_shard(const suite::Suite& suite, unsigned index, unsigned count)
{
    std::set<std::string> selected;
    Groups groups;
    for (const suite::Test& test : suite.tests) {
        groups.find(test.name);
        for (const std::string& dependency : test.depends_on) groups.join(test.name, dependency);
    }
    std::map<std::string, std::vector<std::string>> members;  // sorted by group name
    for (const suite::Test& test : suite.tests) members[groups.find(test.name)].push_back(test.name);
    unsigned position = 0;
    for (const auto& [group, names] : members) {
        if (count <= 1 || position % count == index) selected.insert(names.begin(), names.end());
        ++position;
    }
    return selected;
}

}  // namespace hiltest::session
