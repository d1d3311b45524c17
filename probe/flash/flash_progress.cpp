#include "probe/flash/flash_progress.hpp"

#include <algorithm>
#include <cstdio>

namespace hiltest::probe::flash {

std::string_view to_string(FlashPhase phase)
{
    switch (phase) {
    case FlashPhase::Unlock: return "unlock";
    case FlashPhase::Compare: return "compare";
    case FlashPhase::Program: return "program";
    case FlashPhase::Verify: return "verify";
    case FlashPhase::Done: return "done";
    }
    return "unknown";
}

std::string progress_line(const FlashProgress& progress, unsigned width)
{
    const uint64_t total = progress.total ? progress.total : 1;
    const uint64_t done = std::min(progress.done, total);
    const auto filled = static_cast<unsigned>(done * width / total);
    std::string line(to_string(progress.phase));
    line.resize(8, ' ');
    line += '[' + std::string(filled, '#') + std::string(width - filled, '.') + ']';
    char tail[64];
    std::snprintf(tail, sizeof tail, " %3u%%  %llu/%llu KB", static_cast<unsigned>(done * 100 / total),
                  static_cast<unsigned long long>((done + 1023) / 1024),
                  static_cast<unsigned long long>((progress.total + 1023) / 1024));
    return line + tail;
}

double FlashStatistics::kib_per_second() const
{
    const double seconds = std::chrono::duration<double>(duration).count();
    if (seconds <= 0) return 0.0;
    return static_cast<double>(image_bytes) / 1024.0 / seconds;
}

}  // namespace hiltest::probe::flash
