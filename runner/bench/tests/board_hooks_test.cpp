// Hook commands run for real (through /bin/sh) in the bench file's folder.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "probe/base/error.hpp"
#include "runner/bench/bench_file.hpp"
#include "runner/bench/board_hooks.hpp"

using namespace hiltest;
using namespace hiltest::bench;
using ::testing::HasSubstr;

namespace {

struct TempDir {
    TempDir() : path(std::filesystem::temp_directory_path() / ("hiltest-hooks-" + std::to_string(::getpid())))
    {
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::filesystem::path path;
};

std::string read(const std::filesystem::path& file)
{
    std::ifstream in(file);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(BoardHooks, RunInTheBenchFolderWithTheBoardInTheEnvironment)
{
    TempDir dir;
    const Bench bench = parse_bench(R"({"boards": [{"name": "bp-7", "probe": "stlink:ABC",
        "hooks": {"before": "echo \"$HILTEST_HOOK $HILTEST_BOARD $HILTEST_PROBE\" >> calls.log; echo hello"}}]})",
                                    dir.path / "bench.json");
    BoardHooks hooks(bench, bench.boards[0]);
    const auto run = hooks.run(HookKind::Before);
    ASSERT_TRUE(run);
    EXPECT_TRUE(run->succeeded());
    EXPECT_EQ(run->output, "hello\n");
    EXPECT_EQ(read(dir.path / "calls.log"), "before bp-7 stlink:ABC\n");
    EXPECT_FALSE(hooks.run(HookKind::After));  // the board has none
    const nlohmann::json json = hooks.to_json();
    ASSERT_EQ(json.size(), 1u);
    EXPECT_EQ(json[0]["hook"], "before");
    EXPECT_EQ(json[0]["exit_code"], 0);
}

TEST(BoardHooks, FailureAndTimeoutAreHookFailedErrorsNamingTheBoard)
{
    TempDir dir;
    const Bench bench = parse_bench(R"({"boards": [{"name": "bp-1", "probe": "sim",
        "hooks": {"before": "echo relay jammed; exit 4", "after": {"command": "sleep 30; echo never", "timeout_ms": 50}}}]})",
                                    dir.path / "bench.json");
    BoardHooks hooks(bench, bench.boards[0]);
    const auto failed = hooks.run(HookKind::Before);
    ASSERT_TRUE(failed);
    EXPECT_FALSE(failed->succeeded());
    const Error e = hooks.failure(*failed);
    EXPECT_EQ(e.kind(), ErrorKind::HookFailed);
    EXPECT_THAT(e.what(), HasSubstr("board bp-1"));
    EXPECT_THAT(e.what(), HasSubstr("exit code 4"));
    EXPECT_THAT(e.what(), HasSubstr("relay jammed"));

    const auto slow = hooks.run(HookKind::After);
    ASSERT_TRUE(slow);
    EXPECT_TRUE(slow->timed_out);
    EXPECT_THAT(hooks.failure(*slow).what(), HasSubstr("did not finish within 50 ms"));
    EXPECT_EQ(hooks.runs().size(), 2u);
}

TEST(BoardHooks, PowerCycleRunsTheCommandThenTheExtraSwitchThenSettles)
{
    TempDir dir;
    const Bench bench = parse_bench(R"({"boards": [{"name": "bp-1", "probe": "sim",
        "hooks": {"power_cycle": {"command": "echo cycled >> cycles.log", "settle_ms": 250}}}]})",
                                    dir.path / "bench.json");
    BoardHooks hooks(bench, bench.boards[0]);
    ManualClock clock;
    int switched = 0;
    probe::connect::PowerCycleHook* cycle = hooks.power_cycle(clock, [&] { ++switched; });
    ASSERT_NE(cycle, nullptr);
    EXPECT_THAT(cycle->describe(), HasSubstr("echo cycled"));
    cycle->power_cycle();
    EXPECT_EQ(switched, 1);
    EXPECT_EQ(clock.now(), TimePoint(std::chrono::milliseconds(250)));
    EXPECT_EQ(read(dir.path / "cycles.log"), "cycled\n");
    EXPECT_EQ(hooks.to_json()[0]["hook"], "power_cycle");
}

TEST(BoardHooks, AFailingPowerCycleDoesNotSwitch)
{
    TempDir dir;
    const Bench bench = parse_bench(R"({"boards": [{"name": "bp-1", "probe": "sim", "hooks": {"power_cycle": "exit 1"}}]})",
                                    dir.path / "bench.json");
    BoardHooks hooks(bench, bench.boards[0]);
    ManualClock clock;
    int switched = 0;
    probe::connect::PowerCycleHook* cycle = hooks.power_cycle(clock, [&] { ++switched; });
    try {
        cycle->power_cycle();
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::HookFailed);
    }
    EXPECT_EQ(switched, 0);
}
