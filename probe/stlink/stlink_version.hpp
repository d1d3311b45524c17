#pragma once
// GET_VERSION / GET_VERSION_EX decoding and what each firmware can do (docs/chip-facts.md,
// "Firmware versions and features").
#include <cstdint>
#include <span>
#include <string>

namespace hiltest::probe::stlink {

struct Version {
    int hw = 0;      // 1, 2, 3 (4 = V3PWR)
    int jtag = 0;    // the "J" number; 0 = no SWD/JTAG firmware
    int swim = 0;
    int msd = 0;     // mass-storage / VCP version (V2-1, V3)
    int bridge = 0;  // V3
    uint16_t vid = 0;
    uint16_t pid = 0;
    bool needs_extended = false;  // V3: the real numbers come from GET_VERSION_EX
};

struct Features {
    int api = 2;
    bool target_voltage = false;   // GET_TARGET_VOLTAGE, J13
    bool rw_status2 = false;       // GETLASTRWSTATUS2, J15
    bool swd_set_freq = false;     // SWD_SET_FREQ divisor table, V2 J22
    bool com_freq = false;         // SET_COM_FREQ in kHz, V3
    bool dap_registers = false;    // READ/WRITE_DAP_REG, J24
    bool mem16 = false;            // 16-bit memory commands, J26
    bool init_ap = false;          // INIT_AP required before AP use, J28
    uint32_t max_mem8 = 64;        // bytes per 8-bit memory command
    uint32_t max_mem_wide = 6144;  // bytes per 16/32-bit memory command
};

// `reply` is the 6-byte GET_VERSION answer.
Version decode_version(std::span<const uint8_t> reply);
// `reply` is the 12-byte GET_VERSION_EX answer (V3).
Version decode_version_ex(std::span<const uint8_t> reply);

Features features_for(const Version& version);

// "V2J37S7", "V2J28M18", "V3J7M3B5S1"
std::string to_string(const Version& version);

}  // namespace hiltest::probe::stlink
