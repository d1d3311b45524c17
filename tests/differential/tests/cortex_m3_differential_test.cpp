// The simulated Cortex-M3 against Unicorn's Cortex-M3 on generated Thumb-2 streams: registers,
// xPSR and the data window compared before every instruction. Reports name the stream seed;
// rerun one with `cortex_m3_differential_long --stream-seed <seed>`.
#include <gtest/gtest.h>

#include <iostream>
#include <iterator>

#include "tests/differential/differential_runner.hpp"
#include "tests/differential/known_differences.hpp"

namespace hiltest::testing::differential {
namespace {

TEST(CortexM3Differential, OneMillionGeneratedInstructionsMatchUnicorn)
{
    RunOptions options;
    options.seed = 20261123;
    options.min_instructions = 1'000'000;
    options.avoid_known_core_bugs = true;  // those have their own test below
    const RunResult result = run_differential(options);

    std::cout << coverage_table(result);
    for (const auto& report : result.reports) std::cout << report << "\n";

    EXPECT_GE(result.instructions, 1'000'000u);
    EXPECT_EQ(result.mismatches, 0u) << "first report:\n" << (result.reports.empty() ? "" : result.reports.front());
    for (std::size_t i = 0; i < encoding_class_count; ++i)
        EXPECT_GT(result.coverage[i], 0u) << "never executed: " << encoding_class_name(static_cast<EncodingClass>(i));
}

// Known core bugs (known_differences.cpp) stay visible: this test is skipped, naming them, while
// they reproduce, and fails once one no longer does so that its entry gets removed and the main
// run covers that encoding again.
TEST(CortexM3Differential, KnownCoreBugs)
{
    RunOptions options;
    options.seed = 777;
    options.min_instructions = 200'000;
    options.avoid_known_core_bugs = false;
    const RunResult result = run_differential(options);
    for (const auto& report : result.reports) std::cout << report << "\n";
    EXPECT_EQ(result.mismatches, 0u) << "mismatches no known core bug explains; first:\n"
                                     << (result.reports.empty() ? "" : result.reports.front());

    std::string open_bugs;
    for (const auto& bug : known_core_bugs()) {
        const auto hits = result.core_bug_hits.find(std::string(bug.name));
        if (hits == result.core_bug_hits.end())
            ADD_FAILURE() << "known core bug '" << bug.name << "' no longer reproduces: remove it from "
                          << "known_core_bugs() in tests/differential/known_differences.cpp";
        else
            open_bugs += std::string("\n  ") + std::string(bug.name) + " (" + std::to_string(hits->second) +
                         " streams): " + std::string(bug.rule);
    }
    if (!open_bugs.empty()) GTEST_SKIP() << "open core bugs, excluded from the main run:" << open_bugs;
}

// Found by this test against the 23:19 core: UXTH/UXTB T1 decoded as UNDEFINED (decode_thumb16.cpp
// tested the extend group with mask 0x7C instead of 0x78). Fixed; kept as a focused case.
TEST(CortexM3Differential, FixedCoreBugUxthUxtbT1)
{
    Stream stream;
    stream.start = MemoryLayout{}.code_base;
    stream.initial.registers = {0x12345678, 0xFFFF8081, 0x000000FF, 0x80000000, 0, 0, 0, 0,
                                0, 0, 0, 0, 0, MemoryLayout{}.stack_high, 0, stream.start};
    stream.initial.ram.assign(MemoryLayout{}.ram_size, 0);
    // uxth r4,r0; uxtb r5,r0; uxth r6,r1; uxtb r7,r1; uxth r4,r2; uxtb r5,r3; uxtb r0,r0 (in place)
    const uint16_t code[] = {0xB284, 0xB2C5, 0xB28E, 0xB2CF, 0xB294, 0xB2DD, 0xB2C0};
    for (const uint16_t halfword : code) {
        const uint32_t address = stream.start + uint32_t(stream.code.size());
        stream.instructions.push_back({address, halfword, 0, 2, EncodingClass::T16Extend, "uxth/uxtb T1"});
        stream.code.push_back(uint8_t(halfword));
        stream.code.push_back(uint8_t(halfword >> 8));
    }
    stream.end = stream.start + uint32_t(stream.code.size());
    const RunResult result = run_stream(stream);
    EXPECT_EQ(result.mismatches, 0u) << (result.reports.empty() ? "" : result.reports.front());
    EXPECT_EQ(result.instructions, std::size(code));
}

}  // namespace
}  // namespace hiltest::testing::differential
