#include "probe/stlink/stlink_probe.hpp"

#include <fmt/format.h>

#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"
#include "probe/stlink/stlink_status.hpp"
#include "probe/stlink/swd_clock.hpp"

namespace hiltest::probe::stlink {
namespace {

void put_le16(std::span<uint8_t> out, std::size_t at, uint32_t value)
{
    out[at] = static_cast<uint8_t>(value);
    out[at + 1] = static_cast<uint8_t>(value >> 8);
}

void put_le32(std::span<uint8_t> out, std::size_t at, uint32_t value)
{
    for (int i = 0; i < 4; ++i) out[at + i] = static_cast<uint8_t>(value >> (8 * i));
}

uint32_t le32(std::span<const uint8_t> in, std::size_t at)
{
    return static_cast<uint32_t>(in[at]) | (static_cast<uint32_t>(in[at + 1]) << 8) |
           (static_cast<uint32_t>(in[at + 2]) << 16) | (static_cast<uint32_t>(in[at + 3]) << 24);
}

uint8_t read_command_for(arm::AccessWidth width)
{
    switch (width) {
    case arm::AccessWidth::Bits8: return dbg::kReadMem8;
    case arm::AccessWidth::Bits16: return dbg::kReadMem16;
    case arm::AccessWidth::Bits32: return dbg::kReadMem32;
    }
    return dbg::kReadMem8;
}

uint8_t write_command_for(arm::AccessWidth width)
{
    switch (width) {
    case arm::AccessWidth::Bits8: return dbg::kWriteMem8;
    case arm::AccessWidth::Bits16: return dbg::kWriteMem16;
    case arm::AccessWidth::Bits32: return dbg::kWriteMem32;
    }
    return dbg::kWriteMem8;
}

}  // namespace

StlinkProbe::StlinkProbe(usb::Transport& transport, Clock& clock, StlinkOptions options)
    : transport_(transport), clock_(clock), options_(options)
{
}

void StlinkProbe::exchange(const Command& command, std::span<const uint8_t> data_out,
                           std::span<uint8_t> reply)
{
    ++counters_.commands;
    transport_.write(command, options_.usb_timeout);
    counters_.bytes_out += command.size();
    if (!data_out.empty()) {
        transport_.write(data_out, options_.usb_timeout);
        counters_.bytes_out += data_out.size();
    }
    if (!reply.empty()) {
        const std::size_t got = transport_.read(reply, options_.usb_timeout);
        counters_.bytes_in += got;
        if (got != reply.size()) {
            throw Error(ErrorKind::ProbeProtocol,
                        "the ST-Link answered " + std::to_string(got) + " bytes where " +
                            std::to_string(reply.size()) + " were expected (command " +
                            fmt::format("{:02X} {:02X}", command[0], command[1]) + ")",
                        "re-plug the ST-Link; if it persists update its firmware");
        }
    }
}

uint8_t StlinkProbe::simple_status(const Command& command)
{
    std::array<uint8_t, 2> reply{};
    exchange(command, {}, reply);
    return reply[0];
}

template <class Attempt>
void StlinkProbe::with_retries(const std::string& operation, Attempt attempt)
{
    Duration backoff = options_.first_wait_backoff;
    for (int tries = 0;; ++tries) {
        fault_address_.reset();
        const uint8_t code = attempt();
        if ((is_wait(code) || is_transient(code)) && tries < options_.wait_retries) {
            ++counters_.wait_retries;
            clock_.sleep_for(backoff);
            backoff *= 2;
            continue;
        }
        if (auto error = status_error(code, operation)) {
            if (error->kind() == ErrorKind::TargetFault) {
                std::string message = error->what();
                if (fault_address_) message += " (fault at " + hex(*fault_address_) + ")";
                clear_sticky_errors();
                throw Error(ErrorKind::TargetFault, message, error->remedy());
            }
            throw *error;
        }
        return;
    }
}

void StlinkProbe::require(bool feature, std::string_view what, int min_jtag)
{
    if (feature) return;
    throw Error(ErrorKind::ProbeFirmware,
                "the ST-Link firmware " + to_string(version_) + " cannot " + std::string(what) +
                    " (needs J" + std::to_string(min_jtag) + " or later)",
                "update the ST-Link firmware with STM32CubeProgrammer or ST-LinkUpgrade");
}

void StlinkProbe::open()
{
    std::array<uint8_t, 6> reply{};
    exchange(Command{cmd::kGetVersion}, {}, reply);
    version_ = decode_version(reply);
    if (version_.needs_extended) {
        std::array<uint8_t, 12> ex{};
        exchange(Command{cmd::kGetVersionEx}, {}, ex);
        version_ = decode_version_ex(ex);
    }
    features_ = features_for(version_);
    limits_.max_8bit = features_.max_mem8;
    limits_.max_wide = features_.max_mem_wide;
    limits_.has_16bit = features_.mem16;
    if (version_.hw == 1) {
        throw Error(ErrorKind::ProbeFirmware,
                    "this is an ST-Link/V1, which hiltest does not support",
                    "use an ST-Link/V2 or later");
    }
    if (version_.jtag == 0) {
        throw Error(ErrorKind::ProbeFirmware,
                    "the ST-Link runs STM8-only (SWIM) firmware " + to_string(version_) +
                        " without SWD",
                    "flash the STM32 debug firmware with STM32CubeProgrammer or ST-LinkUpgrade");
    }
    switch (current_mode()) {
    case Mode::Dfu: exchange(Command{cmd::kDfu, cmd::kDfuExit}, {}, {}); break;
    case Mode::Debug: exchange(Command{cmd::kDebug, dbg::kExit}, {}, {}); break;
    case Mode::Swim: exchange(Command{cmd::kSwim, cmd::kSwimExit}, {}, {}); break;
    default: break;
    }
}

Mode StlinkProbe::current_mode()
{
    std::array<uint8_t, 2> reply{};
    exchange(Command{cmd::kGetCurrentMode}, {}, reply);
    return static_cast<Mode>(reply[0]);
}

double StlinkProbe::target_voltage()
{
    require(features_.target_voltage, "measure the target voltage", 13);
    std::array<uint8_t, 8> reply{};
    exchange(Command{cmd::kGetTargetVoltage}, {}, reply);
    const uint32_t factor = le32(reply, 0);
    const uint32_t reading = le32(reply, 4);
    if (factor == 0) return 0.0;
    return 2.0 * 1.2 * reading / factor;
}

uint32_t StlinkProbe::set_swd_frequency(uint32_t khz)
{
    if (features_.com_freq) {
        Command c{cmd::kDebug, dbg::kSetComFreq, 0, 0};
        put_le32(c, 4, khz);
        std::array<uint8_t, 8> reply{};
        uint32_t actual = khz;
        with_retries("setting the SWD clock to " + std::to_string(khz) + " kHz", [&] {
            exchange(c, {}, reply);
            actual = le32(reply, 4);
            return reply[0];
        });
        return swd_khz_ = actual;
    }
    require(features_.swd_set_freq, "set the SWD clock", 22);
    std::optional<SwdSpeed> speed = swd_speed_at_most(khz);
    while (speed) {
        Command c{cmd::kDebug, dbg::kSwdSetFreq};
        put_le16(c, 2, speed->divisor);
        const uint8_t code = simple_status(c);
        if (code == status::kOk) return swd_khz_ = speed->khz;
        if (code != status::kFrequencyNotSupported && !is_wait(code)) {
            throw *status_error(code, "setting the SWD clock to " + std::to_string(speed->khz) + " kHz");
        }
        speed = swd_speed_below(speed->khz);
    }
    throw Error(ErrorKind::ProbeProtocol, "the ST-Link refused every SWD clock speed",
                "re-plug the ST-Link; if it persists update its firmware");
}

void StlinkProbe::enter_swd()
{
    with_retries("entering SWD mode", [&] {
        return simple_status(Command{cmd::kDebug, dbg::kEnter, dbg::kEnterSwd, 0});
    });
}

void StlinkProbe::enter_swd_under_reset()
{
    // The first DRIVE_NRST may be refused before a mode is set; its status is not useful.
    simple_status(Command{cmd::kDebug, dbg::kDriveNrst, static_cast<uint8_t>(NrstLevel::Low)});
    enter_swd();
    drive_nrst(NrstLevel::Low);
}

void StlinkProbe::exit_debug() { exchange(Command{cmd::kDebug, dbg::kExit}, {}, {}); }

uint32_t StlinkProbe::read_dpidr()
{
    std::array<uint8_t, 12> reply{};
    with_retries("reading the target's SWD IDCODE", [&] {
        exchange(Command{cmd::kDebug, dbg::kReadIdCodes}, {}, reply);
        return reply[0];
    });
    return le32(reply, 4);
}

void StlinkProbe::drive_nrst(NrstLevel level)
{
    with_retries(level == NrstLevel::High ? "releasing NRST" : "driving NRST low", [&] {
        return simple_status(Command{cmd::kDebug, dbg::kDriveNrst, static_cast<uint8_t>(level)});
    });
}

void StlinkProbe::init_ap(uint8_t apsel)
{
    if (!features_.init_ap) return;  // older firmware opens AP 0 implicitly
    with_retries("opening access port " + std::to_string(apsel), [&] {
        return simple_status(Command{cmd::kDebug, dbg::kInitAp, apsel, 0});
    });
}

uint32_t StlinkProbe::read_dap_register(uint16_t port, uint16_t address)
{
    require(features_.dap_registers, "access DAP registers", 24);
    Command c{cmd::kDebug, dbg::kReadDapReg};
    put_le16(c, 2, port);
    put_le16(c, 4, address);
    std::array<uint8_t, 8> reply{};
    with_retries("reading DAP register " + hex(address), [&] {
        exchange(c, {}, reply);
        return reply[0];
    });
    return le32(reply, 4);
}

void StlinkProbe::write_dap_register(uint16_t port, uint16_t address, uint32_t value)
{
    require(features_.dap_registers, "access DAP registers", 24);
    Command c{cmd::kDebug, dbg::kWriteDapReg};
    put_le16(c, 2, port);
    put_le16(c, 4, address);
    put_le32(c, 6, value);
    with_retries("writing DAP register " + hex(address), [&] { return simple_status(c); });
}

void StlinkProbe::clear_sticky_errors()
{
    // A faulted AP access leaves STICKYERR set; clear it so the next access is judged on its
    // own (DP ABORT = STKCMPCLR|STKERRCLR|WDERRCLR|ORUNERRCLR). Best effort.
    if (!features_.dap_registers) return;
    Command c{cmd::kDebug, dbg::kWriteDapReg};
    put_le16(c, 2, kDapPortDp);
    put_le16(c, 4, 0x0);
    put_le32(c, 6, 0x1E);
    try {
        simple_status(c);
    } catch (const Error&) {
    }
}

uint8_t StlinkProbe::last_rw_status()
{
    fault_address_.reset();
    if (features_.rw_status2) {
        std::array<uint8_t, 12> reply{};
        exchange(Command{cmd::kDebug, dbg::kGetLastRwStatus2}, {}, reply);
        if (reply[0] != status::kOk) fault_address_ = le32(reply, 4);
        return reply[0];
    }
    return simple_status(Command{cmd::kDebug, dbg::kGetLastRwStatus});
}

uint8_t StlinkProbe::read_chunk(const TransferChunk& chunk, std::span<uint8_t> out)
{
    Command c{cmd::kDebug, read_command_for(chunk.width)};
    put_le32(c, 2, chunk.address);
    put_le16(c, 6, chunk.size);
    // A one-byte 8-bit read comes back as two bytes (docs/chip-facts.md, "Command blocks and replies").
    std::array<uint8_t, 2> single{};
    if (chunk.size == 1) {
        exchange(c, {}, single);
    } else {
        exchange(c, {}, out.subspan(chunk.offset, chunk.size));
    }
    const uint8_t code = last_rw_status();
    if (chunk.size == 1) out[chunk.offset] = single[0];
    return code;
}

uint8_t StlinkProbe::write_chunk(const TransferChunk& chunk, std::span<const uint8_t> data)
{
    Command c{cmd::kDebug, write_command_for(chunk.width)};
    put_le32(c, 2, chunk.address);
    put_le16(c, 6, chunk.size);
    exchange(c, data.subspan(chunk.offset, chunk.size), {});
    return last_rw_status();
}

void StlinkProbe::read_memory(uint32_t address, std::span<uint8_t> out, arm::AccessWidth widest)
{
    if (out.empty()) return;  // zero-length commands upset some firmware
    const auto chunks = plan_transfer(address, out.size(), widest, limits_);
    // One aligned word: READDEBUGREG carries its status in the reply, one round trip instead
    // of READMEM + GETLASTRWSTATUS2.
    if (chunks.size() == 1 && chunks[0].width == arm::AccessWidth::Bits32 && chunks[0].size == 4) {
        put_le32(out, 0, read_word(address));
        return;
    }
    for (const auto& chunk : chunks) {
        with_retries("reading " + std::to_string(chunk.size) + " bytes at " + hex(chunk.address),
                     [&] { return read_chunk(chunk, out); });
    }
}

void StlinkProbe::write_memory(uint32_t address, std::span<const uint8_t> data, arm::AccessWidth widest)
{
    if (data.empty()) return;
    const auto chunks = plan_transfer(address, data.size(), widest, limits_);
    if (chunks.size() == 1 && chunks[0].width == arm::AccessWidth::Bits32 && chunks[0].size == 4) {
        write_word(address, le32(data, 0));
        return;
    }
    for (const auto& chunk : chunks) {
        with_retries("writing " + std::to_string(chunk.size) + " bytes at " + hex(chunk.address),
                     [&] { return write_chunk(chunk, data); });
    }
}

uint32_t StlinkProbe::read_word(uint32_t address)
{
    if (address % 4 != 0) {
        std::array<uint8_t, 4> bytes{};
        read_memory(address, bytes, arm::AccessWidth::Bits8);
        return le32(bytes, 0);
    }
    Command c{cmd::kDebug, dbg::kReadDebugReg};
    put_le32(c, 2, address);
    std::array<uint8_t, 8> reply{};
    with_retries("reading the word at " + hex(address), [&] {
        exchange(c, {}, reply);
        return reply[0];
    });
    return le32(reply, 4);
}

void StlinkProbe::write_word(uint32_t address, uint32_t value)
{
    if (address % 4 != 0) {
        std::array<uint8_t, 4> bytes{};
        put_le32(bytes, 0, value);
        write_memory(address, bytes, arm::AccessWidth::Bits8);
        return;
    }
    Command c{cmd::kDebug, dbg::kWriteDebugReg};
    put_le32(c, 2, address);
    put_le32(c, 6, value);
    with_retries("writing " + hex(value) + " to " + hex(address), [&] { return simple_status(c); });
}

uint32_t StlinkProbe::read_core_register(unsigned regsel)
{
    Command c{cmd::kDebug, dbg::kReadReg, static_cast<uint8_t>(regsel)};
    std::array<uint8_t, 8> reply{};
    with_retries("reading core register " + std::to_string(regsel), [&] {
        exchange(c, {}, reply);
        return reply[0];
    });
    return le32(reply, 4);
}

void StlinkProbe::write_core_register(unsigned regsel, uint32_t value)
{
    Command c{cmd::kDebug, dbg::kWriteReg, static_cast<uint8_t>(regsel)};
    put_le32(c, 3, value);
    with_retries("writing core register " + std::to_string(regsel), [&] { return simple_status(c); });
}

void StlinkProbe::set_reset_line(bool asserted) { drive_nrst(asserted ? NrstLevel::Low : NrstLevel::High); }

}  // namespace hiltest::probe::stlink
