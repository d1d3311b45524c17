#include <gtest/gtest.h>

#include "probe/flash/flash_progress.hpp"

namespace hiltest::probe::flash {
namespace {

TEST(FlashProgressLine, ShowsPhaseBarPercentAndKilobytes)
{
    EXPECT_EQ(progress_line({FlashPhase::Program, 30 * 1024, 60 * 1024}, 10), "program [#####.....]  50%  30/60 KB");
    EXPECT_EQ(progress_line({FlashPhase::Verify, 0, 2048}, 4), "verify  [....]   0%  0/2 KB");
    EXPECT_EQ(progress_line({FlashPhase::Compare, 5, 5}, 2), "compare [##] 100%  1/1 KB");
}

TEST(FlashProgressLine, EmptyTotalDoesNotDivideByZero)
{
    EXPECT_EQ(progress_line({FlashPhase::Done, 0, 0}, 2), "done    [..]   0%  0/0 KB");
}

TEST(FlashStatisticsRate, KilobytesPerSecondOfTheImage)
{
    FlashStatistics stats;
    stats.image_bytes = 10 * 1024;
    EXPECT_EQ(stats.kib_per_second(), 0.0);
    stats.duration = std::chrono::milliseconds(500);
    EXPECT_DOUBLE_EQ(stats.kib_per_second(), 20.0);
}

}  // namespace
}  // namespace hiltest::probe::flash
