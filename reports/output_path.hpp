#pragma once
// Where an output file (report, VCD, flash state) will really be written, and the checks a
// command makes before its run so that a path that cannot be written is found before any
// board is touched, not after the whole run with the results lost.
//
// A regular file (or nothing yet) is replaced atomically; a symbolic link keeps being a link
// and the file it leads to is replaced; a character device, FIFO or other non-regular file
// (/dev/null, /dev/stdout, a named pipe) is written in place; a folder is refused. Nothing
// that is not a regular file is ever replaced by one.
#include <filesystem>
#include <string>
#include <string_view>

namespace hiltest::reports {

enum class OutputKind {
    Replace,  // a regular file, or none yet: temporary file in the same folder, then rename
    InPlace,  // not a regular file: opened for writing without creating, written, never renamed over
};

struct OutputTarget {
    std::filesystem::path path;  // what to write: the given path, or the file its links lead to
    OutputKind kind = OutputKind::Replace;
};

// Follows symbolic links hop by hop (a dangling link leads to the file it names, created on
// write). Links into /proc or /dev/fd (/dev/stdout → /proc/self/fd/1) are the process's own
// file descriptors: written in place through the given path. Throws hiltest::Error (Usage) for
// a folder and for a loop of links.
OutputTarget resolve_output(const std::filesystem::path& path);

// Before a run: creates the folder `path` goes into (CI starts with none) and checks a file can
// be created there, or for a file written in place that it can be opened for writing. `what`
// names it in messages ("--json", "the JUnit report"). Throws hiltest::Error (Usage) naming the
// path, with a remedy.
void check_output_file(const std::filesystem::path& path, std::string_view what);

// Before a run: creates `folder` (and its parents) if missing and checks files can be created
// in it. Throws hiltest::Error (Usage) when it cannot be created, is not a folder or is not
// writable.
void check_output_folder(const std::filesystem::path& folder, std::string_view what);

}  // namespace hiltest::reports
