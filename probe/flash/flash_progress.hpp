#pragma once
// What a flash run tells its caller while it runs (progress) and afterwards (statistics, for
// the JSON report and the console).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "probe/base/clock.hpp"

namespace hiltest::probe::flash {

enum class FlashPhase {
    Unlock,   // removing read-out protection (mass erase)
    Compare,  // checksumming flash pages to find the ones that already match
    Program,  // erasing and programming changed pages
    Verify,   // checksumming the programmed pages against the image
    Done,
};
std::string_view to_string(FlashPhase phase);

struct FlashProgress {
    FlashPhase phase = FlashPhase::Compare;
    uint64_t done = 0;   // bytes of this phase done
    uint64_t total = 0;  // bytes of this phase
};
using ProgressCallback = std::function<void(const FlashProgress&)>;

// One line for a terminal: "program  [#########...........]  45%  27/60 KB", `width` characters
// of bar. The CLI redraws it with '\r' on a TTY.
std::string progress_line(const FlashProgress& progress, unsigned width = 30);

struct FlashStatistics {
    std::string image_sha256;
    uint64_t image_bytes = 0;          // bytes the image defines
    uint64_t bytes_written = 0;        // bytes of the pages erased/programmed
    uint64_t half_words_programmed = 0;
    uint32_t pages_touched = 0;        // pages the image covers
    uint32_t pages_erased = 0;
    uint32_t pages_programmed = 0;
    uint32_t pages_skipped = 0;        // already held the image's bytes
    bool used_loader = false;
    std::string loader_fallback_reason;  // why direct writes were used, when they were
    bool verified = false;
    bool unlocked = false;             // read-out protection was removed (chip mass-erased)
    bool link_lost_after_start = false;  // run_after: the new firmware took the SWD pins once it ran
    uint32_t verify_rereads = 0;       // verify reads that disagreed with the image and were read again
    uint32_t pages_rewritten = 0;      // pages whose read-back differed and were programmed once more
    bool usb_transactions_known = false;
    uint64_t usb_transactions = 0;
    Duration duration{};               // on the Clock the run used (simulated on the virtual bench)
    Duration chip_floor{};             // pages_erased x tERASE + half_words x tPROG (typical)

    double kib_per_second() const;     // image bytes / duration
};

}  // namespace hiltest::probe::flash
