// Every bench file we ship or show must parse: the examples in benches/ and every ```json
// block of docs/bench-format.md.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "probe/base/error.hpp"
#include "runner/bench/bench_file.hpp"

using namespace hiltest;

namespace {

const std::filesystem::path kSource = HILTEST_SOURCE_DIR;

suite::ParseOptions options()
{
    suite::ParseOptions o;
    o.variables["firmware_dir"] = "/build/firmware";
    return o;
}

}  // namespace

TEST(BenchDocs, ShippedBenchesParse)
{
    std::size_t checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kSource / "benches")) {
        if (entry.path().extension() != ".json") continue;
        EXPECT_NO_THROW(bench::load_bench(entry.path(), options())) << entry.path();
        ++checked;
    }
    EXPECT_GE(checked, 2u);
}

TEST(BenchDocs, EveryJsonExampleInTheFormatDocParses)
{
    std::ifstream in(kSource / "docs/bench-format.md");
    ASSERT_TRUE(in) << "docs/bench-format.md is missing";
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    const std::regex block("```json\\n([\\s\\S]*?)```");
    std::size_t checked = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), block); it != std::sregex_iterator(); ++it) {
        const std::string example = (*it)[1].str();
        try {
            bench::parse_bench(example, kSource / "docs/example-bench.json", options());
        } catch (const Error& e) {
            ADD_FAILURE() << e.what() << "\nin:\n" << example;
        }
        ++checked;
    }
    EXPECT_GE(checked, 1u);
}
