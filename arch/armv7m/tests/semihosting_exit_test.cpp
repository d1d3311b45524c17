#include "arch/armv7m/semihosting_exit.hpp"

#include <gtest/gtest.h>

#include "arch/armv7m/semihosting.hpp"

namespace hiltest::armv7m::semihosting {
namespace {

TEST(SemihostingExit, NamesTheSpecificationsReasons)
{
    EXPECT_EQ(exit_reason_name(kApplicationExit), "ADP_Stopped_ApplicationExit");
    EXPECT_EQ(exit_reason_name(0x20023), "ADP_Stopped_RunTimeErrorUnknown");
    EXPECT_EQ(exit_reason_name(0x20000), "ADP_Stopped_BranchThroughZero");
    EXPECT_EQ(exit_reason_name(0x20029), "ADP_Stopped_OSSpecific");
    EXPECT_FALSE(exit_reason_name(0x20008));  // between the hardware and the software reasons
    EXPECT_EQ(exit_reasons().size(), 18u);    // 8 hardware vector reasons, 10 software reasons
}

TEST(SemihostingExit, DescribesAnExitWithItsStatusAndReason)
{
    EXPECT_EQ(describe_exit(0, kApplicationExit), "status 0 (ADP_Stopped_ApplicationExit)");
    EXPECT_EQ(describe_exit(3, kApplicationExit), "status 3 (ADP_Stopped_ApplicationExit)");
    EXPECT_EQ(describe_exit(1, 0x20023), "status 1 (ADP_Stopped_RunTimeErrorUnknown, 0x20023)");
    EXPECT_EQ(describe_exit(1, 0x12345), "status 1 (reason 0x12345)");
    EXPECT_EQ(describe_exit(1, std::nullopt), "status 1 (its parameter block could not be read)");
}

}  // namespace
}  // namespace hiltest::armv7m::semihosting
