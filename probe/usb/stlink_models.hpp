#pragma once
// The ST-Link family as it appears on USB (docs/chip-facts.md, "USB identity and endpoints"):
// which PIDs are ST-Links, what each is called, and which endpoints carry commands, replies and
// SWO trace.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hiltest::probe::usb {

inline constexpr uint16_t kStVendorId = 0x0483;

struct StlinkModel {
    uint16_t pid;
    std::string_view name;
    uint8_t out_endpoint;    // commands and write data
    uint8_t in_endpoint;     // replies and read data
    uint8_t trace_endpoint;  // SWO
    bool high_speed;
};

// Every PID hiltest recognises, V1 through V3PWR.
std::span<const StlinkModel> stlink_models();

std::optional<StlinkModel> find_stlink_model(uint16_t vid, uint16_t pid);

// The serial string from a raw USB string descriptor. Old V2 firmware puts 12 raw bytes
// where 24 hex characters belong (descriptor length 26); those are hex-encoded so the
// serial printed and matched is the same one other tools show.
std::string decode_serial_descriptor(std::span<const uint8_t> descriptor);

}  // namespace hiltest::probe::usb
