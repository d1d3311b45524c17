#include "arch/armv7m/semihosting.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace hiltest::armv7m::semihosting {
namespace {

// SYS_WRITE0 reads its string in blocks of this size: one transfer per block over SWD.
constexpr std::size_t kStringBlock = 64;

}  // namespace

Outcome Host::perform(const Call& call, Target& target)
{
    uint32_t result = 0;
    switch (call.operation) {
    case op::kWriteC: {
        std::array<uint8_t, 1> c{};
        if (target.read_bytes(call.parameter, c) == 1) output_ += static_cast<char>(c[0]);
        break;
    }
    case op::kWrite0: write_string(call.parameter, target); break;
    case op::kWrite: result = write_buffer(call.parameter, target); break;
    case op::kExit:
        exit_reason_ = call.parameter;
        exit_status_ = call.parameter == kApplicationExit ? 0 : 1;
        return Outcome::Exited;
    case op::kExitExtended: exit_extended(call.parameter, target); return Outcome::Exited;
    default: result = kUnsupported; break;
    }
    target.return_from_call(result);
    return Outcome::Returned;
}

void Host::firmware_restarted()
{
    exit_status_.reset();
    exit_reason_.reset();
}

// r1 = the string's address; it ends at its NUL, at memory that cannot be read, or at the limit.
void Host::write_string(uint32_t address, Target& target)
{
    std::array<uint8_t, kStringBlock> block{};
    for (std::size_t taken = 0; taken < kMaxTransfer;) {
        const std::size_t read = target.read_bytes(address + static_cast<uint32_t>(taken), block);
        const auto end = std::find(block.begin(), block.begin() + static_cast<std::ptrdiff_t>(read), uint8_t{0});
        output_.append(block.begin(), end);
        taken += read;
        if (end != block.begin() + static_cast<std::ptrdiff_t>(read) || read < block.size()) break;
    }
}

// r1 = {handle, buffer, length}; every handle is the one output stream. Returns the number of
// bytes NOT written (0: all of them).
uint32_t Host::write_buffer(uint32_t block, Target& target)
{
    uint32_t buffer = 0, length = 0;
    if (!target.read_word(block + 4, buffer) || !target.read_word(block + 8, length)) return kUnsupported;
    std::vector<uint8_t> bytes(std::min<std::size_t>(length, kMaxTransfer));
    const std::size_t written = target.read_bytes(buffer, bytes);
    output_.append(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(written));
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
