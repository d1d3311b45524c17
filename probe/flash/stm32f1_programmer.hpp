#pragma once
// The STM32F1 flash programmer: checks the image against the chip's flash, handles read-out
// protection, compares page checksums on the target to skip pages that already match, erases
// and programs the rest through the RAM loader (double-buffered) or, when it cannot run,
// through direct half-word writes, verifies, re-locks, and reports what it did.
#include <cstdint>
#include <functional>
#include <optional>

#include "probe/arm/cortex_m.hpp"
#include "probe/flash/flash_geometry.hpp"
#include "probe/flash/flash_progress.hpp"
#include "probe/flash/image.hpp"
#include "probe/flash/stm32f1_fpec.hpp"
#include "probe/target/target_detection.hpp"

namespace hiltest::probe::flash {

struct FlashOptions {
    bool verify = true;
    bool skip_unchanged = true;  // `--no-skip` turns it off: every touched page is erased and programmed
    bool unlock = false;         // `--unlock`: remove RDP level 1 (erases the whole chip)
    bool use_loader = true;      // false: direct half-word writes through the debug port
    bool reset_before = true;    // reset-and-halt first, so clocks and peripherals are at reset values
    // How to reset (before, after an unlock, and to run). When it fails the programmer tries
    // NRST, then a plain halt: a core locked up on a broken image still gets reflashed.
    arm::ResetMethod reset_method = arm::ResetMethod::SysResetReq;
    bool run_after = false;      // reset and run the new firmware at the end (otherwise left halted)
    ProgressCallback progress;
    // Reads the transport's transaction counter (e.g. StlinkProbe::counters().commands), if any.
    std::function<uint64_t()> usb_transactions;
};

// Flash geometry from detection (flash-size register, chip page size).
FlashGeometry geometry_for(const target::DetectedTarget& detected);

class Stm32f1Programmer {
public:
    Stm32f1Programmer(arm::CortexM& core, FlashGeometry geometry, FpecTiming timing = {});

    // Throws hiltest::Error: ImageFormat (does not fit; nothing touched), FlashProtected (RDP
    // without unlock, write-protected pages), ProgramError, VerifyMismatch, or the transport's.
    FlashStatistics program(const Image& image, const FlashOptions& options);

    const FlashGeometry& geometry() const { return geometry_; }

private:
    class Run;
    arm::CortexM& core_;
    FlashGeometry geometry_;
    FpecTiming timing_;
};

}  // namespace hiltest::probe::flash
