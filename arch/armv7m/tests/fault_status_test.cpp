#include "arch/armv7m/fault_status.hpp"

#include <algorithm>
#include <set>
#include <string>

#include <gtest/gtest.h>

namespace hiltest::armv7m {
namespace {

TEST(FaultStatusTable, EveryBitHasItsOwnNameAndPlace)
{
    std::set<std::string_view> names;
    std::set<std::pair<FaultRegister, uint32_t>> places;
    for (const FaultBit& bit : fault_bits()) {
        EXPECT_TRUE(names.insert(bit.name).second) << bit.name;
        EXPECT_TRUE(places.insert({bit.reg, bit.mask}).second) << bit.name;
        EXPECT_EQ(bit.mask & (bit.mask - 1), 0u) << bit.name << " is one bit";
        EXPECT_FALSE(bit.meaning.empty()) << bit.name;
    }
    EXPECT_EQ(fault_bits().size(), 22u);
}

TEST(FaultStatusTable, BitsSitWhereTheArchitecturePutsThem)
{
    // MMFSR is CFSR[7:0], BFSR CFSR[15:8], UFSR CFSR[31:16].
    EXPECT_EQ(find_fault_bit("MMARVALID")->mask, 0x80u);
    EXPECT_EQ(find_fault_bit("BFARVALID")->mask, 0x8000u);
    EXPECT_EQ(find_fault_bit("DIVBYZERO")->mask, 0x02000000u);
    EXPECT_EQ(find_fault_bit("FORCED")->reg, FaultRegister::Hfsr);
    EXPECT_EQ(find_fault_bit("FORCED")->mask, 0x40000000u);
    EXPECT_EQ(find_fault_bit("divbyzero"), nullptr);
    EXPECT_EQ(find_fault_bit("NOSUCHBIT"), nullptr);
}

TEST(FaultStatusTable, NamesTheSetBitsOfOneRegister)
{
    EXPECT_EQ(set_bit_names(FaultRegister::Cfsr, 0x00008200),
              (std::vector<std::string_view>{"PRECISERR", "BFARVALID"}));
    // The same bit number means another thing in HFSR: bit 1 is VECTTBL there, DACCVIOL in CFSR.
    EXPECT_EQ(set_bit_names(FaultRegister::Hfsr, 0x2), (std::vector<std::string_view>{"VECTTBL"}));
    EXPECT_EQ(set_bit_names(FaultRegister::Cfsr, 0x2), (std::vector<std::string_view>{"DACCVIOL"}));
    EXPECT_TRUE(set_bit_names(FaultRegister::Cfsr, 0x4).empty());  // bit 2 is reserved
}

TEST(FaultStatusTable, CausesLeaveOutAddressFlagsAndFloatingPointBits)
{
    const std::vector<std::string_view> causes = cortex_m3_fault_causes();
    EXPECT_EQ(causes.size(), 18u);
    EXPECT_EQ(causes.front(), "IACCVIOL");
    EXPECT_EQ(causes.back(), "DEBUGEVT");
    for (std::string_view left_out : {"MMARVALID", "BFARVALID", "MLSPERR", "LSPERR"}) {
        EXPECT_EQ(std::count(causes.begin(), causes.end(), left_out), 0) << left_out;
    }
}

TEST(ExceptionNames, NameTheArchitecturesExceptionsOnly)
{
    EXPECT_EQ(exception_name(3), "HardFault");
    EXPECT_EQ(exception_name(12), "DebugMonitor");
    EXPECT_EQ(exception_name(15), "SysTick");
    EXPECT_FALSE(exception_name(0));   // Thread mode
    EXPECT_FALSE(exception_name(7));   // reserved
    EXPECT_FALSE(exception_name(16));  // IRQ 0
}

}  // namespace
}  // namespace hiltest::armv7m
