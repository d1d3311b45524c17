// Pure decoding: fault registers to text, raw IDs to a chip description.
#include <gtest/gtest.h>

#include "probe/arm/fault_status.hpp"
#include "probe/base/error.hpp"
#include "probe/target/target_detection.hpp"

using namespace hiltest;
using namespace hiltest::probe;

TEST(CortexMControlFaultText, NamesEveryBitSet)
{
    const auto names = arm::fault_bit_names((1u << 9) | (1u << 15) | (1u << 16), 1u << 30);
    EXPECT_EQ(names, (std::vector<std::string>{"PRECISERR", "BFARVALID", "UNDEFINSTR", "FORCED"}));
}

TEST(CortexMControlFaultText, DescribesEscalatedBusFault)
{
    arm::FaultReport report;
    report.cfsr = (1u << 9) | (1u << 15);
    report.hfsr = 1u << 30;
    report.bfar = 0x60000000;
    report.faulting_pc = 0x08000142;
    report.exception = 3;
    const std::string text = arm::describe(report);
    EXPECT_NE(text.find("HardFault"), std::string::npos) << text;
    EXPECT_NE(text.find("FORCED"), std::string::npos) << text;
    EXPECT_NE(text.find("PRECISERR precise data bus error"), std::string::npos) << text;
    EXPECT_NE(text.find("0x60000000"), std::string::npos) << text;
    EXPECT_NE(text.find("faulting PC 0x08000142"), std::string::npos) << text;
}

TEST(CortexMControlFaultText, NoFault)
{
    EXPECT_EQ(arm::describe({}), "no fault recorded (CFSR and HFSR are 0)");
}

TEST(ProbeTargetIdentify, GenuineBluePill)
{
    const auto t = target::identify({0x1BA01477, 0x411FC231, 0x20036410, 0xFFFF0040});
    ASSERT_NE(t.chip, nullptr);
    EXPECT_EQ(t.chip->family, target::Family::STM32F1);
    EXPECT_EQ(t.flash_kb, 64u);
    EXPECT_TRUE(t.flash_size_from_register);
    EXPECT_EQ(t.revision, "Y (0x2003)");
    EXPECT_FALSE(t.clone_warning);
    EXPECT_TRUE(t.is_cortex_m3_or_m4());
    EXPECT_EQ(t.description(), "STM32F103 medium density, rev Y (0x2003), 64 KB flash, Cortex-M3 r1p1");
}

TEST(ProbeTargetIdentify, CloneDpidrGivesWarning)
{
    const auto t = target::identify({0x2BA01477, 0x411FC231, 0x20036410, 0xFFFF0040});
    ASSERT_TRUE(t.clone_warning);
    EXPECT_NE(t.clone_warning->find("CS32F103"), std::string::npos);
    EXPECT_NE(t.clone_warning->find("0x2BA01477"), std::string::npos);
}

TEST(ProbeTargetIdentify, GigaDeviceRamSizeInFlashRegister)
{
    const auto t = target::identify({0x1BA01477, 0x411FC231, 0x20036410, 0x00140040});
    ASSERT_TRUE(t.clone_warning);
    EXPECT_NE(t.clone_warning->find("GD32"), std::string::npos);
}

TEST(ProbeTargetIdentify, UnreadableFlashSizeUsesTable)
{
    const auto t = target::identify({0x1BA01477, 0x411FC231, 0x20036410, std::nullopt});
    EXPECT_EQ(t.flash_kb, 64u);
    EXPECT_FALSE(t.flash_size_from_register);
}

TEST(ProbeTargetIdentify, OtherFamiliesAreNamed)
{
    EXPECT_EQ(target::identify({0x2BA01477, 0x410FC241, 0x10036422, std::nullopt}).chip->family,
              target::Family::STM32F3);
    EXPECT_EQ(target::identify({0x0BB11477, 0x410CC200, 0x10006440, std::nullopt}).chip->family,
              target::Family::STM32F0);
    EXPECT_EQ(target::identify({0x2BA01477, 0x410FC241, 0x10076413, std::nullopt}).chip->family,
              target::Family::STM32F4);
    EXPECT_EQ(target::identify({0, 0, 0x00000999, std::nullopt}).chip, nullptr);
}

TEST(ProbeTargetDeclared, MatchingDeclarationsPass)
{
    const auto t = target::identify({0x1BA01477, 0x411FC231, 0x20036410, 0xFFFF0040});
    for (const char* ok : {"", "stm32f103c8", "STM32F103", "stm32f1x", "stm32f101"}) {
        EXPECT_NO_THROW(target::check_declared_target(t, ok)) << ok;
    }
}

TEST(ProbeTargetDeclared, MismatchNamesBoth)
{
    const auto t = target::identify({0x1BA01477, 0x411FC231, 0x20036410, 0xFFFF0040});
    for (const char* bad : {"stm32f3x", "stm32f303", "stm32f107", "nrf52"}) {
        try {
            target::check_declared_target(t, bad);
            ADD_FAILURE() << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::WrongTarget);
            EXPECT_NE(std::string(e.what()).find(bad), std::string::npos);
            EXPECT_NE(std::string(e.what()).find("STM32F103 medium density"), std::string::npos);
        }
    }
}
