#include "probe/usb/stlink_models.hpp"

#include <array>

#include <fmt/format.h>

namespace hiltest::probe::usb {
namespace {

constexpr std::array kModels{
    StlinkModel{0x3744, "ST-Link/V1", 0x02, 0x81, 0x83, false},
    StlinkModel{0x3748, "ST-Link/V2", 0x02, 0x81, 0x83, false},
    StlinkModel{0x374A, "ST-Link/V2-1 (audio)", 0x01, 0x81, 0x82, false},
    StlinkModel{0x374B, "ST-Link/V2-1", 0x01, 0x81, 0x82, false},
    StlinkModel{0x3752, "ST-Link/V2-1 (no mass storage)", 0x01, 0x81, 0x82, false},
    StlinkModel{0x374D, "STLINK-V3 loader", 0x01, 0x81, 0x82, true},
    StlinkModel{0x374E, "STLINK-V3E", 0x01, 0x81, 0x82, true},
    StlinkModel{0x374F, "STLINK-V3SET", 0x01, 0x81, 0x82, true},
    StlinkModel{0x3753, "STLINK-V3 (dual VCP)", 0x01, 0x81, 0x82, true},
    StlinkModel{0x3754, "STLINK-V3E (no mass storage)", 0x01, 0x81, 0x82, true},
    StlinkModel{0x3755, "STLINK-V3PWR loader", 0x01, 0x81, 0x82, true},
    StlinkModel{0x3757, "STLINK-V3PWR", 0x01, 0x81, 0x82, true},
};

}  // namespace

std::span<const StlinkModel> stlink_models() { return kModels; }

std::optional<StlinkModel> find_stlink_model(uint16_t vid, uint16_t pid)
{
    if (vid != kStVendorId) return std::nullopt;
    for (const auto& model : kModels) {
        if (model.pid == pid) return model;
    }
    return std::nullopt;
}

std::string decode_serial_descriptor(std::span<const uint8_t> descriptor)
{
    if (descriptor.size() < 2) return {};
    const std::size_t length = std::min<std::size_t>(descriptor[0], descriptor.size());
    std::string serial;
    const bool raw_bytes_quirk = length == 26;
    for (std::size_t i = 2; i + 1 < length; i += 2) {
        const uint8_t low = descriptor[i];
        const uint8_t high = descriptor[i + 1];
        if (raw_bytes_quirk) {
            serial += fmt::format("{:02X}", low);
        } else {
            serial += (high == 0 && low >= 0x20 && low < 0x7F) ? static_cast<char>(low) : '?';
        }
    }
    return serial;
}

}  // namespace hiltest::probe::usb
