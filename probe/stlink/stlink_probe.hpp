#pragma once
// hiltest's ST-Link/V2 driver: encodes commands into 16-byte blocks, decodes replies, maps
// every status to an ErrorKind, retries WAIT answers with backoff through the Clock, and
// hides per-command size limits and alignment from callers. Works over any Transport —
// libusb to a real dongle or the in-process virtual ST-Link — with one code path.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "probe/arm/target_access.hpp"
#include "probe/base/clock.hpp"
#include "probe/stlink/stlink_commands.hpp"
#include "probe/stlink/stlink_version.hpp"
#include "probe/stlink/transfer_plan.hpp"
#include "probe/usb/transport.hpp"

namespace hiltest::probe::stlink {

struct StlinkOptions {
    std::chrono::milliseconds usb_timeout{3000};
    int wait_retries = 8;                          // as OpenOCD: 1, 2, 4 … 128 ms
    std::chrono::milliseconds first_wait_backoff{1};
};

// What the driver put on the wire, for statistics and the "no more round trips than
// OpenOCD" comparison.
struct UsbCounters {
    uint64_t commands = 0;       // 16-byte command blocks = round trips
    uint64_t bytes_out = 0;      // command blocks + write data
    uint64_t bytes_in = 0;       // replies + read data
    uint64_t wait_retries = 0;   // requests repeated after WAIT / parity answers
};

struct TargetVoltage {
    double volts = 0.0;
};

class StlinkProbe final : public arm::TargetAccess {
public:
    StlinkProbe(usb::Transport& transport, Clock& clock, StlinkOptions options = {});

    // GET_VERSION (+ GET_VERSION_EX on V3), refuse probes without SWD firmware, and leave
    // DFU / debug / SWIM mode so the next step can enter SWD. Call once after opening.
    void open();

    const Version& version() const { return version_; }
    const Features& features() const { return features_; }
    const usb::ProbeIdentity& identity() const { return transport_.identity(); }
    usb::Transport& transport() { return transport_; }

    Mode current_mode();
    double target_voltage();  // ProbeFirmware if the firmware cannot measure it

    // Rounds down to a speed the probe offers; falls back to slower ones when the probe
    // refuses. Returns the speed in effect. Call before enter_swd (as the firmware expects).
    uint32_t set_swd_frequency(uint32_t khz);
    uint32_t swd_frequency_khz() const { return swd_khz_; }

    void enter_swd();
    // NRST low, enter, NRST low again (the firmware picks its reset pin only once in SWD).
    // The caller releases NRST after arming a vector catch.
    void enter_swd_under_reset();
    void exit_debug();

    uint32_t read_dpidr();  // READ_IDCODES
    void drive_nrst(NrstLevel level);
    void init_ap(uint8_t apsel = 0);

    uint32_t read_dap_register(uint16_t port, uint16_t address);
    void write_dap_register(uint16_t port, uint16_t address, uint32_t value);

    // 1 KB until the core is known; 4 KB for Cortex-M3/M4 AHB-APs.
    void set_tar_block(uint32_t bytes) { limits_.tar_block = bytes; }
    const TransferLimits& transfer_limits() const { return limits_; }

    // arm::TargetAccess
    void read_memory(uint32_t address, std::span<uint8_t> out, arm::AccessWidth widest) override;
    void write_memory(uint32_t address, std::span<const uint8_t> data, arm::AccessWidth widest) override;
    uint32_t read_word(uint32_t address) override;
    void write_word(uint32_t address, uint32_t value) override;
    uint32_t read_core_register(unsigned regsel) override;
    void write_core_register(unsigned regsel, uint32_t value) override;
    void set_reset_line(bool asserted) override;

    const UsbCounters& counters() const { return counters_; }
    void reset_counters() { counters_ = {}; }

private:
    using Command = std::array<uint8_t, kCommandSize>;

    void exchange(const Command& command, std::span<const uint8_t> data_out, std::span<uint8_t> reply);
    uint8_t simple_status(const Command& command);
    template <class Attempt>
    void with_retries(const std::string& operation, Attempt attempt);
    void require(bool feature, std::string_view what, int min_jtag);

    uint8_t read_chunk(const TransferChunk& chunk, std::span<uint8_t> out);
    uint8_t write_chunk(const TransferChunk& chunk, std::span<const uint8_t> data);
    uint8_t last_rw_status();
    void clear_sticky_errors();

    usb::Transport& transport_;
    Clock& clock_;
    StlinkOptions options_;
    Version version_;
    Features features_;
    TransferLimits limits_;
    uint32_t swd_khz_ = 1800;  // the firmware's default divisor 1
    std::optional<uint32_t> fault_address_;
    UsbCounters counters_;
};

}  // namespace hiltest::probe::stlink
