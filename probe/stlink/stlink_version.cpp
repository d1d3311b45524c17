#include "probe/stlink/stlink_version.hpp"

#include "probe/base/error.hpp"

namespace hiltest::probe::stlink {
namespace {

void require_size(std::span<const uint8_t> reply, std::size_t size, const char* what)
{
    if (reply.size() < size) {
        throw Error(ErrorKind::ProbeProtocol,
                    std::string("the ST-Link's ") + what + " reply is " +
                        std::to_string(reply.size()) + " bytes, expected " + std::to_string(size),
                    "re-plug the ST-Link; if it persists its firmware may be damaged");
    }
}

uint16_t le16(std::span<const uint8_t> b, std::size_t at)
{
    return static_cast<uint16_t>(b[at] | (b[at + 1] << 8));
}

bool is_v2_1(uint16_t pid) { return pid == 0x374B || pid == 0x3752 || pid == 0x374A; }

}  // namespace

Version decode_version(std::span<const uint8_t> reply)
{
    require_size(reply, 6, "GET_VERSION");
    const unsigned word = (static_cast<unsigned>(reply[0]) << 8) | reply[1];  // big-endian
    Version v;
    v.hw = static_cast<int>((word >> 12) & 0xF);
    const int x = static_cast<int>((word >> 6) & 0x3F);
    const int y = static_cast<int>(word & 0x3F);
    v.vid = le16(reply, 2);
    v.pid = le16(reply, 4);
    if (v.hw >= 3 && x == 0 && y == 0) {
        v.needs_extended = true;
        return v;
    }
    if (is_v2_1(v.pid)) {
        // STM8-only V2-1 firmware packs the fields differently (docs/chip-facts.md, "Firmware versions and features").
        if ((x <= 22 && y == 7) || (x >= 25 && y >= 7 && y <= 12)) {
            v.msd = x;
            v.swim = y;
            v.jtag = 0;
        } else {
            v.jtag = x;
            v.msd = y;
        }
    } else {
        v.jtag = x;
        v.swim = y;
    }
    return v;
}

Version decode_version_ex(std::span<const uint8_t> reply)
{
    require_size(reply, 12, "GET_VERSION_EX");
    Version v;
    v.hw = reply[0];
    v.swim = reply[1];
    v.jtag = reply[2];
    v.msd = reply[3];
    v.bridge = reply[4];
    v.vid = le16(reply, 8);
    v.pid = le16(reply, 10);
    return v;
}

Features features_for(const Version& v)
{
    Features f;
    if (v.hw >= 3) {
        f.api = 3;
        f.target_voltage = f.rw_status2 = f.dap_registers = f.mem16 = f.init_ap = true;
        f.com_freq = true;
        f.max_mem8 = v.jtag >= 6 ? 512 : 64;
        return f;
    }
    f.api = (v.hw == 1 && v.jtag < 11) ? 1 : 2;
    f.target_voltage = v.jtag >= 13;
    f.rw_status2 = v.jtag >= 15;
    f.swd_set_freq = v.jtag >= 22;
    f.dap_registers = v.jtag >= 24;
    f.mem16 = v.jtag >= 26;
    f.init_ap = v.jtag >= 28;
    return f;
}

std::string to_string(const Version& v)
{
    std::string s = "V" + std::to_string(v.hw) + "J" + std::to_string(v.jtag);
    if (v.hw >= 3) {
        s += "M" + std::to_string(v.msd) + "B" + std::to_string(v.bridge) + "S" +
             std::to_string(v.swim);
    } else if (is_v2_1(v.pid)) {
        s += "M" + std::to_string(v.msd);
    } else {
        s += "S" + std::to_string(v.swim);
    }
    return s;
}

}  // namespace hiltest::probe::stlink
