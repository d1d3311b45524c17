// The STM32F1 programmer against the simulated Blue Pill through the virtual ST-Link.
#include <gtest/gtest.h>

#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"
#include "probe/flash/checksums.hpp"
#include "probe/flash/loader_code.hpp"
#include "probe/flash/ram_loader.hpp"
#include "tests/support/rig/flash_rig.hpp"

namespace hiltest::probe::flash {
namespace {

namespace rig = hiltest::testing;

using rig::FlashRig;
using rig::flash_rig_config;
using rig::firmware_file;
using rig::random_image;

TEST(FlashProgrammer, ProgramsFirmwareThroughTheLoaderAndRunsIt)
{
    FlashRig rig;
    const Image image = image::load_image(firmware_file("blink_systick.elf"));
    FlashOptions options = rig.options();
    options.run_after = true;
    const FlashStatistics stats = rig.flash(image, options);
    EXPECT_TRUE(stats.used_loader) << stats.loader_fallback_reason;
    EXPECT_TRUE(stats.verified);
    EXPECT_TRUE(rig.holds(image));
    EXPECT_EQ(stats.pages_touched, (image.total_bytes() + 1023) / 1024);
    EXPECT_EQ(stats.pages_programmed, stats.pages_touched);
    EXPECT_EQ(stats.image_sha256, image_sha256(image));
    EXPECT_TRUE(stats.usb_transactions_known);
    EXPECT_GT(stats.usb_transactions, 0u);
    EXPECT_GT(stats.duration.count(), 0);
    // The firmware runs afterwards: the LED pin toggles.
    rig.bench.board().run_for(1'200'000'000);
    EXPECT_GE(rig.bench.board().pin_trace().changes_of(*sim::PinId::parse("PC13")).size(), 2u);
}

TEST(FlashProgrammer, ReflashOfAnIdenticalImageErasesAndProgramsNothing)
{
    FlashRig rig;
    const Image image = random_image(0x08000000, 20 * 1024, 7);
    const FlashStatistics first = rig.flash(image);
    ASSERT_TRUE(rig.holds(image));
    EXPECT_EQ(first.pages_programmed, 20u);
    EXPECT_EQ(first.pages_erased, 1u);  // only the page blink_delay occupied; the rest were blank
    const FlashStatistics second = rig.flash(image);
    EXPECT_EQ(second.pages_erased, 0u);
    EXPECT_EQ(second.pages_programmed, 0u);
    EXPECT_EQ(second.pages_skipped, 20u);
    EXPECT_EQ(second.half_words_programmed, 0u);
    EXPECT_TRUE(second.verified);
    EXPECT_LT(second.usb_transactions, first.usb_transactions);
}

TEST(FlashProgrammer, PartiallyChangedImageRewritesOnlyTheChangedPages)
{
    FlashRig rig;
    Image image = random_image(0x08000000, 16 * 1024, 11);
    rig.flash(image);
    image.segments[0].data[5 * 1024 + 17] ^= 0x40;
    image.segments[0].data[9 * 1024] ^= 0x01;
    const FlashStatistics stats = rig.flash(image);
    EXPECT_EQ(stats.pages_erased, 2u);
    EXPECT_EQ(stats.pages_programmed, 2u);
    EXPECT_EQ(stats.pages_skipped, 14u);
    EXPECT_TRUE(rig.holds(image));
}

TEST(FlashProgrammer, GrownImageProgramsTheNewPagesWithoutErasingBlankOnes)
{
    FlashRig rig;
    const Image small = random_image(0x08000000, 8 * 1024, 3);
    rig.flash(small);
    Image grown = random_image(0x08000000, 8 * 1024, 3);
    const Image tail = random_image(0x08002000, 4 * 1024, 4);
    grown.segments[0].data.insert(grown.segments[0].data.end(), tail.segments[0].data.begin(), tail.segments[0].data.end());
    // The pages above the old image are blank on a fresh board: no erase is needed for them.
    const FlashStatistics stats = rig.flash(grown);
    EXPECT_EQ(stats.pages_skipped, 8u);
    EXPECT_EQ(stats.pages_programmed, 4u);
    EXPECT_EQ(stats.pages_erased, 0u);
    EXPECT_TRUE(rig.holds(grown));
}

TEST(FlashProgrammer, NoSkipRewritesEveryPage)
{
    FlashRig rig;
    const Image image = random_image(0x08000000, 4 * 1024, 5);
    rig.flash(image);
    FlashOptions options = rig.options();
    options.skip_unchanged = false;
    const FlashStatistics stats = rig.flash(image, options);
    EXPECT_EQ(stats.pages_erased, 4u);
    EXPECT_EQ(stats.pages_skipped, 0u);
    EXPECT_TRUE(rig.holds(image));
}

TEST(FlashProgrammer, DirectWritesWithoutTheLoader)
{
    FlashRig rig;
    const Image first = random_image(0x08000000, 3 * 1024 + 10, 21);
    FlashOptions options = rig.options();
    options.use_loader = false;
    FlashStatistics stats = rig.flash(first, options);
    EXPECT_FALSE(stats.used_loader);
    EXPECT_FALSE(stats.loader_fallback_reason.empty());
    EXPECT_TRUE(stats.verified);
    EXPECT_TRUE(rig.holds(first));
    Image changed = first;
    changed.segments[0].data[2000] ^= 0xFF;
    stats = rig.flash(changed, options);
    EXPECT_EQ(stats.pages_erased, 1u);
    EXPECT_EQ(stats.pages_skipped, 3u);
    EXPECT_TRUE(rig.holds(changed));
}

TEST(FlashProgrammer, AWornCellIsAProgrammingErrorAtItsAddress)
{
    // A cell that no longer erases: the flash controller refuses to program its half-word
    // (PGERR, docs/chip-facts.md, "Flash controller (FPEC)"), so the programmer reports it there
    // rather than at verify.
    FlashRig rig;
    const Image image = random_image(0x08000000, 6 * 1024, 9);
    const uint32_t victim = 0x08000000 + 4 * 1024 + 123;
    // A bit the image wants at 1 that no longer erases.
    uint8_t wanted[1];
    image.copy_range(victim, wanted);
    const uint8_t stuck = static_cast<uint8_t>(wanted[0] & -wanted[0]);
    ASSERT_NE(stuck, 0);
    rig.bench.board().chip().flash().wear_out(victim - 0x08000000, stuck);
    try {
        rig.flash(image, rig.options());
        FAIL() << "flashing passed over a worn cell";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::ProgramError);
        EXPECT_NE(std::string(error.what()).find(hex(victim & ~1u)), std::string::npos) << error.what();
    }
    // The FPEC is left locked after the failure.
    EXPECT_TRUE(rig.probe.read_word(fpec::kCr) & fpec::kCrLock);
}

TEST(FlashProgrammer, AByteCorruptedOnceIsWrittenAgainNotBlamedOnTheFlash)
{
    // What a noisy link corrupts on the way in is programmed as it arrived; the old verify then
    // called the flash worn. The page is now written once more and verified again.
    FlashRig rig;
    const Image image = random_image(0x08000000, 6 * 1024, 9);
    FlashOptions options = rig.options();
    const uint32_t victim = 0x08000000 + 4 * 1024 + 123;
    options.progress = [&](const FlashProgress& progress) {
        if (progress.phase == FlashPhase::Verify && progress.done == 0)
            rig.bench.board().chip().flash().main_data()[victim - 0x08000000] ^= 0x08;
    };
    const FlashStatistics stats = rig.flash(image, options);
    EXPECT_TRUE(stats.verified);
    EXPECT_EQ(stats.pages_rewritten, 1u);
    std::vector<uint8_t> flash(6 * 1024);
    rig.probe.read_memory(0x08000000, flash, hiltest::probe::arm::AccessWidth::Bits32);
    std::vector<uint8_t> wanted(6 * 1024);
    image.copy_range(0x08000000, wanted);
    EXPECT_EQ(flash, wanted);
}

TEST(FlashProgrammer, ImageLargerThanFlashIsRefusedBeforeAnythingIsErased)
{
    FlashRig rig;
    const Image first = random_image(0x08000000, 2048, 1);
    rig.flash(first);
    const Image big = random_image(0x08000000, 64 * 1024 + 1024, 2);
    try {
        rig.flash(big);
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::ImageFormat);
    }
    EXPECT_TRUE(rig.holds(first));
}

TEST(FlashProgrammer, LargerPartsAreFlashedAsTheirFlashSizeRegisterSays)
{
    sim::RigConfig options = flash_rig_config();
    options.flash_size = 128 * 1024;
    FlashRig rig(options);
    EXPECT_EQ(geometry_for(rig.connection.target).size, 128u * 1024);
    const Image image = random_image(0x0801F000, 4096, 12);
    const FlashStatistics stats = rig.flash(image);
    EXPECT_EQ(stats.pages_programmed, 4u);
    EXPECT_TRUE(rig.holds(image));
}

// Programs option bytes through the FPEC as a user's tool would, then resets so they load.
void write_option_bytes(FlashRig& rig, uint8_t rdp, uint8_t wrp0)
{
    Stm32f1Fpec fpec(rig.probe, rig.bench.clock());
    rig.core.halt();
    fpec.unlock();
    rig.probe.write_word(fpec::kOptKeyr, fpec::kKey1);
    rig.probe.write_word(fpec::kOptKeyr, fpec::kKey2);
    rig.probe.write_word(fpec::kCr, fpec::kCrOptEr | fpec::kCrOptWre);
    rig.probe.write_word(fpec::kCr, fpec::kCrOptEr | fpec::kCrOptWre | fpec::kCrStrt);
    fpec.wait_idle(std::chrono::milliseconds(40), "option erase");
    rig.probe.write_word(fpec::kCr, fpec::kCrOptPg | fpec::kCrOptWre);
    const uint8_t rdp_bytes[2] = {rdp, 0};
    rig.probe.write_memory(0x1FFFF800, rdp_bytes, arm::AccessWidth::Bits16);
    fpec.wait_idle(std::chrono::microseconds(60), "rdp");
    const uint8_t wrp_bytes[2] = {wrp0, 0};
    rig.probe.write_memory(0x1FFFF808, wrp_bytes, arm::AccessWidth::Bits16);
    fpec.wait_idle(std::chrono::microseconds(60), "wrp");
    fpec.lock();
    rig.core.reset_and_halt(arm::ResetMethod::SysResetReq);
}

TEST(FlashProgrammer, ReadProtectedChipIsRefusedWithoutUnlock)
{
    FlashRig rig;
    const Image image = random_image(0x08000000, 2048, 31);
    rig.flash(image);
    write_option_bytes(rig, 0x00, 0xFF);
    ASSERT_TRUE(Stm32f1Fpec(rig.probe, rig.bench.clock()).read_protected());
    try {
        rig.flash(random_image(0x08000000, 2048, 32));
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::FlashProtected);
        EXPECT_NE(error.remedy().find("--unlock"), std::string::npos);
    }
    EXPECT_TRUE(rig.holds(image));  // nothing was erased
}

TEST(FlashProgrammer, UnlockRemovesReadProtectionErasesTheChipAndFlashes)
{
    FlashRig rig;
    rig.flash(random_image(0x08000000, 4096, 31));
    write_option_bytes(rig, 0x00, 0xFF);
    const Image image = random_image(0x08000400, 2048, 33);
    FlashOptions options = rig.options();
    options.unlock = true;
    const FlashStatistics stats = rig.flash(image, options);
    EXPECT_TRUE(stats.unlocked);
    EXPECT_FALSE(Stm32f1Fpec(rig.probe, rig.bench.clock()).read_protected());
    EXPECT_EQ(stats.pages_erased, 0u);  // the unlock already erased everything
    EXPECT_TRUE(rig.holds(image));
    EXPECT_EQ(rig.flash_bytes(0x08000000, 1024), std::vector<uint8_t>(1024, 0xFF));  // old contents gone
}

TEST(FlashProgrammer, WriteProtectedPagesAreRefusedUpFrontAndUnlockClearsThem)
{
    FlashRig rig;
    write_option_bytes(rig, 0xA5, 0xFE);  // WRP0 bit 0: pages 0-3 protected
    try {
        rig.flash(random_image(0x08000000, 1024, 41));
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::FlashProtected);
        EXPECT_NE(std::string(error.what()).find("write-protected"), std::string::npos);
    }
    // Pages outside the protected block are fine.
    EXPECT_NO_THROW(rig.flash(random_image(0x08001000, 1024, 42)));
    FlashOptions options = rig.options();
    options.unlock = true;
    const Image image = random_image(0x08000000, 1024, 43);
    EXPECT_TRUE(rig.flash(image, options).unlocked);
    EXPECT_TRUE(rig.holds(image));
}

TEST(FlashLoader, ReportsWrprterrFromTheChip)
{
    FlashRig rig;
    write_option_bytes(rig, 0xA5, 0xFE);
    RamLoader loader(rig.core, 1024);
    loader.start(stm32f1_loader_code());
    LoaderRequest request;
    request.command = LOADER_CMD_ERASE;
    request.address = 0x08000000;
    request.erase_length = 1024;
    request.expected = std::chrono::milliseconds(20);
    loader.submit(request);
    try {
        loader.drain();
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::FlashProtected);
        EXPECT_NE(std::string(error.what()).find("WRPRTERR"), std::string::npos);
        EXPECT_NE(std::string(error.what()).find("0x08000000"), std::string::npos);
    }
}

TEST(FlashLoader, ReportsPgerrWhenProgrammingUnerasedFlash)
{
    FlashRig rig;
    rig.flash(random_image(0x08000000, 1024, 51));
    RamLoader loader(rig.core, 1024);
    loader.start(stm32f1_loader_code());
    const std::vector<uint8_t> data(16, 0x5A);
    LoaderRequest request;
    request.command = LOADER_CMD_PROGRAM;
    request.address = 0x08000100;
    request.length = 16;
    request.data = data;
    loader.submit(request);
    try {
        loader.drain();
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::ProgramError);
        EXPECT_NE(std::string(error.what()).find("PGERR"), std::string::npos);
    }
}

TEST(FlashLoader, CrcOfFlashPagesMatchesTheHostCrc)
{
    FlashRig rig;
    const Image image = random_image(0x08000000, 3 * 1024, 61);
    rig.flash(image);
    rig.core.reset_and_halt(arm::ResetMethod::SysResetReq);
    RamLoader loader(rig.core, 1024);
    loader.start(stm32f1_loader_code());
    const auto crcs = loader.crc_pages(0x08000000, 4);
    ASSERT_EQ(crcs.size(), 4u);
    for (uint32_t page = 0; page < 3; ++page)
        EXPECT_EQ(crcs[page], crc32(rig.flash_bytes(0x08000000 + page * 1024, 1024))) << page;
    EXPECT_EQ(crcs[3], crc32(std::vector<uint8_t>(1024, 0xFF)));
    loader.stop();
    EXPECT_TRUE(rig.core.status().halted());
}

TEST(FlashDirect, PgerrThroughTheDebugPort)
{
    FlashRig rig;
    rig.flash(random_image(0x08000000, 1024, 71));
    rig.core.halt();
    Stm32f1Fpec fpec(rig.probe, rig.bench.clock());
    fpec.unlock();
    const std::vector<uint8_t> data(4, 0x12);
    try {
        fpec.program(0x08000010, data);
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::ProgramError);
        EXPECT_NE(std::string(error.what()).find("0x08000010"), std::string::npos);
    }
    fpec.lock();
}

TEST(FlashProgrammer, UnplugMidFlashIsAClearErrorAndTheNextFlashRecovers)
{
    sim::RigConfig options = flash_rig_config();
    options.faults = sim::parse_faults({"unplug@cmd=75,replug-after=3"});
    FlashRig rig(options);
    const Image image = random_image(0x08000000, 30 * 1024, 81);
    FlashPhase last_phase = FlashPhase::Done;
    uint64_t programmed = 0;
    FlashOptions flash_options = rig.options();
    flash_options.progress = [&](const FlashProgress& progress) {
        last_phase = progress.phase;
        if (progress.phase == FlashPhase::Program) programmed = progress.done;
    };
    try {
        rig.flash(image, flash_options);
        FAIL() << "the unplug went unnoticed";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::UsbGone) << error.what();
    }
    // It hit in the middle of programming: some pages written, not all.
    EXPECT_EQ(last_phase, FlashPhase::Program);
    EXPECT_GT(programmed, 0u);
    EXPECT_LT(programmed, 30u * 1024);
    EXPECT_FALSE(rig.holds(image));
    // Replugged: reconnect and flash again, as a user would.
    for (int attempt = 0; attempt < 5; ++attempt) {
        try {
            rig.connect();
            break;
        } catch (const Error&) {
        }
    }
    const FlashStatistics stats = rig.flash(image);
    EXPECT_TRUE(stats.verified);
    EXPECT_TRUE(rig.holds(image));
}

TEST(FlashProgrammer, ProgressCoversEveryPhaseAndEndsAtTotal)
{
    FlashRig rig;
    std::vector<FlashProgress> seen;
    FlashOptions options = rig.options();
    options.progress = [&](const FlashProgress& progress) { seen.push_back(progress); };
    rig.flash(random_image(0x08000000, 5 * 1024, 91), options);
    auto last_of = [&](FlashPhase phase) {
        FlashProgress last{};
        bool found = false;
        for (const auto& p : seen) {
            if (p.phase == phase) {
                last = p;
                found = true;
            }
        }
        EXPECT_TRUE(found) << to_string(phase);
        return last;
    };
    for (FlashPhase phase : {FlashPhase::Compare, FlashPhase::Program, FlashPhase::Verify}) {
        const FlashProgress last = last_of(phase);
        EXPECT_EQ(last.done, last.total) << to_string(phase);
        EXPECT_EQ(last.total, 5u * 1024) << to_string(phase);
    }
    EXPECT_EQ(seen.back().phase, FlashPhase::Done);
}


TEST(FlashProgrammer, BlankChipWhoseCoreIsLockedUpIsFlashed)
{
    sim::RigConfig options = flash_rig_config("");
    FlashRig rig(options);
    const Image image = image::load_image(firmware_file("counter.hex"));
    const FlashStatistics stats = rig.flash(image);
    EXPECT_TRUE(stats.used_loader) << stats.loader_fallback_reason;
    EXPECT_EQ(stats.pages_erased, 0u);  // blank pages need no erase
    EXPECT_TRUE(rig.holds(image));
}


TEST(FlashProgrammer, PartsWithTooLittleSramUseDirectWrites)
{
    FlashRig rig;
    FlashGeometry geometry = geometry_for(rig.connection.target);
    geometry.sram_size = 10 * 1024;  // a low-density F1
    Stm32f1Programmer programmer(rig.core, geometry);
    const Image image = random_image(0x08000800, 1500, 101);
    const FlashStatistics stats = programmer.program(image, rig.options());
    EXPECT_FALSE(stats.used_loader);
    EXPECT_NE(stats.loader_fallback_reason.find("SRAM"), std::string::npos) << stats.loader_fallback_reason;
    EXPECT_TRUE(stats.verified);
    EXPECT_TRUE(rig.holds(image));
}

TEST(FlashProgrammer, BytesOfATouchedPageOutsideTheImageReadErased)
{
    FlashRig rig;
    rig.flash(random_image(0x08000000, 2048, 111));
    const Image image = random_image(0x08000010, 16, 112);
    const FlashStatistics stats = rig.flash(image);
    EXPECT_EQ(stats.pages_erased, 1u);
    EXPECT_TRUE(rig.holds(image));
    EXPECT_EQ(rig.flash_bytes(0x08000000, 16), std::vector<uint8_t>(16, 0xFF));
    EXPECT_NE(rig.flash_bytes(0x08000400, 16), std::vector<uint8_t>(16, 0xFF));  // the next page is untouched
}

}  // namespace
}  // namespace hiltest::probe::flash
