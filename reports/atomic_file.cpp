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

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content)
{
    TemporaryFile file(path);
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
