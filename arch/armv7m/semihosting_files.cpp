// The host's files: the console ":tt" (stdin, stdout and stderr by the open mode) and the
// read-only ":semihosting-features" file. Nothing here reaches a file of the host computer.
#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "arch/armv7m/semihosting.hpp"

namespace hiltest::armv7m::semihosting {
namespace {

constexpr std::string_view kConsoleName = ":tt";
constexpr std::string_view kFeaturesName = ":semihosting-features";
// The features file: the magic "SHFB" and feature byte 0, whose bit 0 says SYS_EXIT_EXTENDED is
// supported and bit 1 that ":tt" opened for appending is a stderr apart from stdout.
constexpr std::array<uint8_t, 5> kFeatures = {'S', 'H', 'F', 'B', 0x03};
// Longer names are no name this host knows; reading them would only cost link time.
constexpr uint32_t kLongestName = 64;
// Open modes 0-11 are fopen's "r", "rb", "r+", "r+b", "w", … "a+b"; four per kind of access.
constexpr uint32_t kLastMode = 11;
constexpr uint32_t kModesPerAccess = 4;
constexpr uint32_t kFirstWriteMode = 4;
constexpr uint32_t kFirstAppendMode = 8;

}  // namespace

Host::OpenFile* Host::file_in(uint32_t block, Target& target)
{
    uint32_t handle = 0;
    if (!target.read_word(block, handle)) {
        errno_ = error_number::kFault;
        return nullptr;
    }
    const auto found = files_.find(handle);
    if (found == files_.end()) {
        errno_ = error_number::kBadHandle;
        return nullptr;
    }
    return &found->second;
}

// r1 = {name, mode, name length}. Returns a new handle, the lowest unused from 1.
uint32_t Host::open(uint32_t block, Target& target)
{
    uint32_t name_address = 0, mode = 0, length = 0;
    if (!target.read_word(block, name_address) || !target.read_word(block + 4, mode) || !target.read_word(block + 8, length))
        return fail(error_number::kFault);
    if (mode > kLastMode) return fail(error_number::kInvalid);
    if (length > kLongestName) return fail(error_number::kAccess);
    std::vector<uint8_t> name_bytes(length);
    if (target.read_bytes(name_address, name_bytes) != length) return fail(error_number::kFault);
    const std::string_view name(reinterpret_cast<const char*>(name_bytes.data()), name_bytes.size());

    Stream stream = Stream::Stdin;
    if (name == kConsoleName) {
        stream = mode >= kFirstAppendMode ? Stream::Stderr : mode >= kFirstWriteMode ? Stream::Stdout : Stream::Stdin;
    } else if (name == kFeaturesName && mode < kModesPerAccess) {
        stream = Stream::Features;
    } else {
        return fail(error_number::kAccess);  // a host file, or the features file for writing
    }
    uint32_t handle = 1;
    while (files_.contains(handle)) ++handle;
    files_.emplace(handle, OpenFile{stream});
    return handle;
}

// r1 = {handle}.
uint32_t Host::close(uint32_t block, Target& target)
{
    uint32_t handle = 0;
    if (!target.read_word(block, handle)) return fail(error_number::kFault);
    if (files_.erase(handle) == 0) return fail(error_number::kBadHandle);
    return 0;
}

// r1 = {handle, buffer, length}. Returns the number of bytes NOT read: 0 when the buffer was
// filled, `length` at end of file.
uint32_t Host::read_buffer(uint32_t block, Target& target)
{
    uint32_t buffer = 0, length = 0;
    if (!target.read_word(block + 4, buffer) || !target.read_word(block + 8, length)) return fail(error_number::kFault);
    OpenFile* file = file_in(block, target);
    if (!file) return kUnsupported;
    if (file->stream != Stream::Stdin && file->stream != Stream::Features) return fail(error_number::kBadHandle);
    const bool from_stdin = file->stream == Stream::Stdin;
    const std::span<const uint8_t> source =
        from_stdin ? std::span(reinterpret_cast<const uint8_t*>(config_.stdin_text.data()), config_.stdin_text.size())
                   : std::span<const uint8_t>(kFeatures);
    std::size_t& position = from_stdin ? stdin_position_ : file->position;  // stdin is one stream for every handle
    const std::size_t available = source.size() - std::min(position, source.size());
    const std::size_t wanted = std::min<std::size_t>({length, available, kMaxTransfer});
    const std::size_t moved = target.write_bytes(buffer, source.subspan(position, wanted));
    position += moved;
    return length - static_cast<uint32_t>(moved);
}

// r1 = 0. Returns the next stdin byte; at its end -1, which the specification leaves open and
// other hosts also answer.
uint32_t Host::read_character(uint32_t /*parameter*/)
{
    if (stdin_position_ >= config_.stdin_text.size()) return kUnsupported;
    return static_cast<uint8_t>(config_.stdin_text[stdin_position_++]);
}

// r1 = {handle}: 1 for the console, 0 for a file.
uint32_t Host::is_tty(uint32_t block, Target& target)
{
    const OpenFile* file = file_in(block, target);
    if (!file) return kUnsupported;
    return file->stream == Stream::Features ? 0 : 1;
}

// r1 = {handle, absolute position}; only the features file can seek.
uint32_t Host::seek(uint32_t block, Target& target)
{
    uint32_t position = 0;
    if (!target.read_word(block + 4, position)) return fail(error_number::kFault);
    OpenFile* file = file_in(block, target);
    if (!file) return kUnsupported;
    if (file->stream != Stream::Features) return fail(error_number::kNoSeek);
    if (position > kFeatures.size()) return fail(error_number::kInvalid);
    file->position = position;
    return 0;
}

// r1 = {handle}: the features file's length; the console has none (-1).
uint32_t Host::file_length(uint32_t block, Target& target)
{
    const OpenFile* file = file_in(block, target);
    if (!file) return kUnsupported;
    if (file->stream != Stream::Features) return fail(error_number::kNoSeek);
    return static_cast<uint32_t>(kFeatures.size());
}

}  // namespace hiltest::armv7m::semihosting
