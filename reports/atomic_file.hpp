#pragma once
// Reports are written to a temporary file in the destination's folder, flushed to disk, then
// renamed over the destination: readers see the old file or the complete new one, never a
// truncated one, whatever happens in between (crash, full disk, Ctrl-C).
#include <filesystem>
#include <functional>
#include <ostream>
#include <string_view>

namespace hiltest::reports {

// Throws hiltest::Error (kind Usage: the destination is not writable) and leaves any existing
// file at path unchanged and no temporary file behind.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Same; produce writes the content. If it throws, nothing is written and the exception propagates.
void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& produce);

}  // namespace hiltest::reports
