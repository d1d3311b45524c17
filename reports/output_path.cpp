#include "reports/output_path.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe/base/error.hpp"

namespace hiltest::reports {

namespace {

namespace fs = std::filesystem;

// Linux allows 40 links in one lookup; more is a loop.
constexpr int kMaxLinkHops = 40;

std::string quoted(const fs::path& path)
{
    return "'" + path.string() + "'";
}

// /proc/self/fd/N and /dev/fd/N are this process's own descriptors: their "targets" are
// things like "pipe:[1234]", which are no paths. They are opened as they are, never resolved.
bool names_a_descriptor(const fs::path& path)
{
    const std::string text = path.lexically_normal().string();
    return text.starts_with("/proc/") || text.starts_with("/dev/fd/");
}

fs::path read_link(const fs::path& link)
{
    std::vector<char> buffer(4096);
    const ssize_t length = ::readlink(link.c_str(), buffer.data(), buffer.size());
    if (length < 0 || static_cast<std::size_t>(length) >= buffer.size())
        throw Error(ErrorKind::Usage, "cannot read the symbolic link " + quoted(link) + ": " + std::strerror(errno),
                    "check the link or pass the file it points to");
    const fs::path target(std::string(buffer.data(), static_cast<std::size_t>(length)));
    return target.is_relative() ? link.parent_path() / target : target;
}

[[noreturn]] void refuse_folder(const fs::path& given, const fs::path& folder)
{
    throw Error(ErrorKind::Usage,
                quoted(given) + (given == folder ? "" : " leads to " + quoted(folder)) + " is a folder, not a file",
                "name a file, e.g. " + (given / "report.json").string());
}

fs::path folder_of(const fs::path& path)
{
    return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

// Creates a file in `folder` and removes it again: the only check that answers for root, for
// read-only mounts and for /proc alike (access(2) does not).
void check_can_create_in(const fs::path& folder, const std::string& subject)
{
    std::string pattern = (folder / ".hiltest-write-check-XXXXXX").string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorKind::Usage, subject + ": cannot create files in " + quoted(folder) + ": " + std::strerror(errno),
                    "choose a folder you can write to");
    ::close(fd);
    ::unlink(name.data());
}

void create_folder(const fs::path& folder, const std::string& subject)
{
    std::error_code created, ignored;
    fs::create_directories(folder, created);
    if (!created && fs::is_directory(folder, ignored)) return;
    // Name the part of the path that is in the way: usually a regular file above the folder.
    fs::path blocker = folder;
    while (blocker.has_parent_path() && blocker != blocker.parent_path() && !fs::exists(blocker, ignored))
        blocker = blocker.parent_path();
    const bool blocked_by_file = fs::exists(blocker, ignored) && !fs::is_directory(blocker, ignored);
    throw Error(ErrorKind::Usage,
                subject + ": cannot create the folder " + quoted(folder) + ": " +
                    (blocked_by_file ? quoted(blocker) + " is a file, not a folder"
                                     : created ? created.message() : std::string("it is not a folder")),
                "choose a folder that exists or can be created, and that you can write to");
}

}  // namespace

OutputTarget resolve_output(const fs::path& path)
{
    fs::path current = path;
    for (int hop = 0; hop <= kMaxLinkHops; ++hop) {
        struct stat info {};
        if (::lstat(current.c_str(), &info) != 0) {
            // Nothing there yet (or a folder on the way is missing): a new file, created on write,
            // where the error if any names the folder.
            return {current, OutputKind::Replace};
        }
        if (S_ISLNK(info.st_mode)) {
            if (!names_a_descriptor(current)) {
                current = read_link(current);
                continue;
            }
            struct stat target {};
            if (::stat(current.c_str(), &target) == 0 && S_ISDIR(target.st_mode)) refuse_folder(path, current);
            return {current, OutputKind::InPlace};
        }
        if (S_ISDIR(info.st_mode)) refuse_folder(path, current);
        if (S_ISREG(info.st_mode)) return {current, OutputKind::Replace};
        return {current, OutputKind::InPlace};  // character or block device, FIFO, socket
    }
    throw Error(ErrorKind::Usage, quoted(path) + " is a loop of symbolic links", "point the link at a file");
}

void check_output_file(const fs::path& path, std::string_view what)
{
    const std::string subject = std::string(what) + " " + quoted(path);
    const OutputTarget target = resolve_output(path);
    if (target.kind == OutputKind::InPlace) {
        if (::access(target.path.c_str(), W_OK) != 0)
            throw Error(ErrorKind::Usage, subject + ": cannot write to it: " + std::strerror(errno),
                        "choose a file you can write to");
        return;
    }
    const fs::path folder = folder_of(target.path);
    create_folder(folder, subject);
    check_can_create_in(folder, subject);
}

void check_output_folder(const fs::path& folder, std::string_view what)
{
    const std::string subject = std::string(what) + " " + quoted(folder);
    create_folder(folder, subject);
    check_can_create_in(folder, subject);
}

}  // namespace hiltest::reports
