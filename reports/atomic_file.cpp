#include "reports/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe/base/error.hpp"
#include "reports/output_path.hpp"

namespace hiltest::reports {

namespace {

// Owns a file descriptor (and optionally the temporary file's name until it is committed).
class TemporaryFile {
public:
    explicit TemporaryFile(const std::filesystem::path& destination)
    {
        const std::filesystem::path folder =
            destination.has_parent_path() ? destination.parent_path() : std::filesystem::path(".");
        std::string pattern = (folder / ("." + destination.filename().string() + ".tmp-XXXXXX")).string();
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        fd_ = ::mkostemp(name.data(), O_CLOEXEC);
        if (fd_ < 0) {
            fail("cannot create a file in " + folder.string(), errno);
        }
        name_ = name.data();
        destination_ = destination;
    }

    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    ~TemporaryFile()
    {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        if (!committed_ && !name_.empty()) {
            ::unlink(name_.c_str());
        }
    }

    void write_all(std::string_view content)
    {
        // mkostemp creates 0600; reports are meant to be read by others (CI artefacts).
        if (::fchmod(fd_, 0644) != 0) {
            fail("cannot set permissions on " + name_, errno);
        }
        while (!content.empty()) {
            const ssize_t written = ::write(fd_, content.data(), content.size());
            if (written < 0) {
                if (errno == EINTR) {
                    continue;
                }
                fail("cannot write " + destination_.string(), errno);
            }
            content.remove_prefix(static_cast<std::size_t>(written));
        }
        if (::fsync(fd_) != 0) {
            fail("cannot flush " + destination_.string() + " to disk", errno);
        }
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) {
            fail("cannot write " + destination_.string(), errno);
        }
    }

    void commit()
    {
        if (::rename(name_.c_str(), destination_.c_str()) != 0) {
            fail("cannot replace " + destination_.string(), errno);
        }
        committed_ = true;
        // Make the rename itself durable.
        const std::filesystem::path folder =
            destination_.has_parent_path() ? destination_.parent_path() : std::filesystem::path(".");
        const int directory = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (directory >= 0) {
            ::fsync(directory);
            ::close(directory);
        }
    }

private:
    [[noreturn]] void fail(const std::string& what, int error_number) const
    {
        throw Error(ErrorKind::Usage, what + ": " + std::strerror(error_number),
                    "check that the report folder exists, is writable and has free space");
    }

    int fd_ = -1;
    std::string name_;
    std::filesystem::path destination_;
    bool committed_ = false;
};

// A character device, FIFO or other non-regular file: written through an ordinary open, never
// created and never renamed over (so /dev/null stays a device and a reader on a FIFO gets the
// bytes). Appends, so a regular file behind /dev/stdout keeps what the console wrote before.
void write_in_place(const std::filesystem::path& given, const std::filesystem::path& target, std::string_view content)
{
    const auto fail = [&given](const std::string& what, int error_number) {
        throw Error(ErrorKind::Usage, what + " " + given.string() + ": " + std::strerror(error_number),
                    "check that the file or device can be written (a full disk or /dev/full cannot)");
    };
    int fd = -1;
    do {
        fd = ::open(target.c_str(), O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) fail("cannot open", errno);
    while (!content.empty()) {
        const ssize_t written = ::write(fd, content.data(), content.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) {
            const int error_number = written < 0 ? errno : EIO;
            ::close(fd);
            fail("cannot write", error_number);
        }
        content.remove_prefix(static_cast<std::size_t>(written));
    }
    if (::close(fd) != 0 && errno != EINTR) fail("cannot write", errno);
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content)
{
    const OutputTarget target = resolve_output(path);
    if (target.kind == OutputKind::InPlace) {
        write_in_place(path, target.path, content);
        return;
    }
    TemporaryFile file(target.path);
    file.write_all(content);
    file.commit();
}

void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& produce)
{
    std::ostringstream content;
    produce(content);  // before touching the disk: a throwing producer leaves no trace
    write_file_atomically(path, content.str());
}

}  // namespace hiltest::reports
