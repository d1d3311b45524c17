#pragma once
// Reports are written to a temporary file in the destination's folder, flushed to disk, then
// renamed over the destination: readers see the old file or the complete new one, never a
// truncated one, whatever happens in between (crash, full disk, Ctrl-C). What is there decides
// (reports/output_path.hpp): a symbolic link stays and the file it leads to is replaced; a
// character device, FIFO or other non-regular file (/dev/null, /dev/stdout) is written in place,
// never replaced by a regular file; a folder is refused.
#include <filesystem>
#include <functional>
#include <ostream>
#include <string_view>

namespace hiltest::reports {

// Throws hiltest::Error (kind Usage: the destination is a folder or is not writable, a short
// write, a full disk or device) and leaves any existing regular file at path unchanged and no
// temporary file behind.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Same; produce writes the content. If it throws, nothing is written and the exception propagates.
void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& produce);

}  // namespace hiltest::reports
