#include "arch/armv7m/semihosting.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace hiltest::armv7m::semihosting {
namespace {

// SYS_WRITE0 reads its string in blocks of this size: one transfer per block over SWD.
constexpr std::size_t kStringBlock = 64;
constexpr uint64_t kNsPerCentisecond = 10'000'000;
constexpr uint64_t kNsPerSecond = 1'000'000'000;

}  // namespace

Outcome Host::perform(const Call& call, Target& target)
{
    const uint32_t parameter = call.parameter;
    uint32_t result = kUnsupported;
    switch (call.operation) {
    case op::kOpen: result = open(parameter, target); break;
    case op::kClose: result = close(parameter, target); break;
    case op::kWriteC: result = write_character(parameter, target); break;
    case op::kWrite0: result = write_string(parameter, target); break;
    case op::kWrite: result = write_buffer(parameter, target); break;
    case op::kRead: result = read_buffer(parameter, target); break;
    case op::kReadC: result = read_character(parameter); break;
    case op::kIsTty: result = is_tty(parameter, target); break;
    case op::kSeek: result = seek(parameter, target); break;
    case op::kFlen: result = file_length(parameter, target); break;
    // Each of these would reach the host computer's files or shell.
    case op::kTmpnam:
    case op::kRemove:
    case op::kRename:
    case op::kSystem: result = fail(error_number::kAccess); break;
    case op::kClock: result = static_cast<uint32_t>(target.elapsed_ns() / kNsPerCentisecond); break;
    case op::kTime: result = static_cast<uint32_t>(config_.start_time_s + target.elapsed_ns() / kNsPerSecond); break;
    case op::kErrno: result = errno_; break;
    case op::kGetCmdline: result = command_line(parameter, target); break;
    case op::kHeapInfo: result = heap_info(parameter, target); break;
    case op::kElapsed: result = elapsed(parameter, target); break;
    case op::kTickFreq: result = kTicksPerSecond; break;
    case op::kExit:
        exit_reason_ = parameter;
        exit_status_ = parameter == kApplicationExit ? 0 : 1;
        return Outcome::Exited;
    case op::kExitExtended: exit_extended(parameter, target); return Outcome::Exited;
    default: break;
    }
    target.return_from_call(result);
    return Outcome::Returned;
}

void Host::firmware_restarted()
{
    exit_status_.reset();
    exit_reason_.reset();
    files_.clear();
    stdin_position_ = 0;
    errno_ = 0;
}

uint32_t Host::fail(uint32_t error)
{
    errno_ = error;
    return kUnsupported;
}

void Host::append_output(std::string_view text, Stream stream)
{
    output_ += text;
    if (stream == Stream::Stderr) error_output_ += text;
}

// r1 = the character's address.
uint32_t Host::write_character(uint32_t address, Target& target)
{
    std::array<uint8_t, 1> c{};
    if (target.read_bytes(address, c) == 1) append_output(std::string_view(reinterpret_cast<const char*>(c.data()), 1), Stream::Stdout);
    return 0;
}

// r1 = the string's address; it ends at its NUL, at memory that cannot be read, or at the limit.
uint32_t Host::write_string(uint32_t address, Target& target)
{
    std::array<uint8_t, kStringBlock> block{};
    for (std::size_t taken = 0; taken < kMaxTransfer;) {
        const std::size_t read = target.read_bytes(address + static_cast<uint32_t>(taken), block);
        const auto end = std::find(block.begin(), block.begin() + static_cast<std::ptrdiff_t>(read), uint8_t{0});
        append_output(std::string_view(reinterpret_cast<const char*>(block.data()), static_cast<std::size_t>(end - block.begin())),
                      Stream::Stdout);
        taken += read;
        if (end != block.begin() + static_cast<std::ptrdiff_t>(read) || read < block.size()) break;
    }
    return 0;
}

// r1 = {handle, buffer, length} on a stdout or stderr handle. Returns the number of bytes NOT
// written (0: all of them); on a handle that cannot be written, all of them with EBADF.
uint32_t Host::write_buffer(uint32_t block, Target& target)
{
    uint32_t buffer = 0, length = 0;
    if (!target.read_word(block + 4, buffer) || !target.read_word(block + 8, length)) return fail(error_number::kFault);
    const OpenFile* file = file_in(block, target);
    if (!file) return length;
    if (file->stream != Stream::Stdout && file->stream != Stream::Stderr) {
        errno_ = error_number::kBadHandle;
        return length;
    }
    std::vector<uint8_t> bytes(std::min<std::size_t>(length, kMaxTransfer));
    const std::size_t written = target.read_bytes(buffer, bytes);
    append_output(std::string_view(reinterpret_cast<const char*>(bytes.data()), written), file->stream);
    return length - static_cast<uint32_t>(written);
}

// r1 = {reason, status}; the status counts only for ApplicationExit.
void Host::exit_extended(uint32_t block, Target& target)
{
    uint32_t reason = 0, status = 1;
    if (target.read_word(block, reason)) {
        exit_reason_ = reason;
        if (reason == kApplicationExit) target.read_word(block + 4, status);
    }
    exit_status_ = reason == kApplicationExit ? static_cast<int>(status) : 1;
}

}  // namespace hiltest::armv7m::semihosting
