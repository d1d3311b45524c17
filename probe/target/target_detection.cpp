#include "probe/target/target_detection.hpp"

#include <algorithm>
#include <cctype>

#include "probe/arm/cortex_m_registers.hpp"
#include "probe/base/error.hpp"
#include "probe/base/hex.hpp"

namespace hiltest::probe::target {
namespace {

std::string f1_revision_letter(uint16_t dev_id, uint16_t rev_id)
{
    if (dev_id != 0x410) return {};
    switch (rev_id) {
    case 0x0000: return "A";
    case 0x2000: return "B";
    case 0x2001: return "Z";
    case 0x2003: return "Y";
    default: return {};
    }
}

std::optional<std::string> clone_for(const TargetIds& ids, uint16_t dev_id, uint16_t rev_id)
{
    if (ids.dpidr == 0x2BA01477) {
        return "this looks like a CS32F103/CKS32F103 clone, not an ST STM32F103: its SWD DPIDR "
               "is 0x2BA01477 where ST's is 0x1BA01477 (OpenOCD needs `set CPUTAPID 0x2ba01477` "
               "for it). Clones mostly work, but flash timing and errata differ.";
    }
    if (dev_id == 0x410) {
        switch (rev_id) {
        case 0x1303: return std::string("this looks like a GigaDevice GD32F1x0 clone (REV_ID 0x1303)");
        case 0x1704: return std::string("this looks like a GigaDevice GD32F3x0 clone (REV_ID 0x1704)");
        case 0x1906: return std::string("this looks like a GigaDevice GD32VF103 (REV_ID 0x1906)");
        case 0x1909: return std::string("this looks like a GigaDevice GD32E23x (REV_ID 0x1909)");
        default: break;
        }
        if (ids.flash_size_word && (*ids.flash_size_word >> 16) != 0xFFFF &&
            (*ids.flash_size_word >> 16) != 0) {
            return "this looks like a GD32F103-style clone: the word above the flash size "
                   "holds a RAM size (" + std::to_string(*ids.flash_size_word >> 16) +
                   " KB) where ST's chips read 0xFFFF";
        }
        if (ids.cpuid == 0x412FC231) {
            return std::string("this looks like an STM32F103 clone (GD32F103/APM32F103 style): "
                               "its core is Cortex-M3 r2p1 where ST's F103 is r1p1");
        }
    }
    return std::nullopt;
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

bool DetectedTarget::is_cortex_m3_or_m4() const
{
    const uint32_t part = (ids.cpuid >> 4) & 0xFFF;
    return (ids.cpuid >> 24) == 0x41 && (part == 0xC23 || part == 0xC24);
}

std::string DetectedTarget::chip_name() const
{
    if (!chip) return "unknown chip (DEV_ID " + hex(dev_id, 3) + ")";
    return std::string(chip->name);
}

std::string DetectedTarget::description() const
{
    std::string text = chip_name();
    text += ", rev " + revision;
    if (chip) text += ", " + std::to_string(flash_kb) + " KB flash";
    text += ", " + std::string(core_name(ids.cpuid));
    if ((ids.cpuid >> 24) == 0x41) {
        text += " r" + std::to_string((ids.cpuid >> 20) & 0xF) + "p" + std::to_string(ids.cpuid & 0xF);
    }
    return text;
}

DetectedTarget identify(const TargetIds& ids)
{
    DetectedTarget t;
    t.ids = ids;
    t.dev_id = static_cast<uint16_t>(ids.dbgmcu_idcode & 0xFFF);
    t.rev_id = static_cast<uint16_t>(ids.dbgmcu_idcode >> 16);
    const std::string letter = f1_revision_letter(t.dev_id, t.rev_id);
    t.revision = letter.empty() ? hex(t.rev_id, 4) : letter + " (" + hex(t.rev_id, 4) + ")";
    t.chip = find_chip(t.dev_id);
    if (t.chip) {
        t.flash_kb = t.chip->default_flash_kb;
        if (ids.flash_size_word) {
            const uint32_t kb = *ids.flash_size_word & 0xFFFF;
            if (kb != 0 && kb != 0xFFFF) {
                t.flash_kb = kb;
                t.flash_size_from_register = true;
            }
        }
    }
    t.clone_warning = clone_for(ids, t.dev_id, t.rev_id);
    return t;
}

DetectedTarget detect(arm::TargetAccess& target, uint32_t dpidr)
{
    TargetIds ids;
    ids.dpidr = dpidr;
    ids.cpuid = target.read_word(arm::addr::kCpuid);
    ids.dbgmcu_idcode = target.read_word(arm::addr::kDbgmcuIdcode);
    if (ids.dbgmcu_idcode == 0) {
        throw Error(ErrorKind::WrongTarget,
                    "the target's DBGMCU_IDCODE at 0xE0042000 reads 0: this is not an STM32 "
                    "(or not one hiltest knows)",
                    "check that the board is an STM32F103 (Blue Pill)");
    }
    const auto* chip = find_chip(static_cast<uint16_t>(ids.dbgmcu_idcode & 0xFFF));
    if (chip && chip->family == Family::STM32F1) {
        try {
            ids.flash_size_word = target.read_word(kFlashSizeRegisterF1);
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::TargetFault) throw;  // read protection: use the table
        }
    }
    return identify(ids);
}

void check_declared_target(const DetectedTarget& detected, std::string_view declared)
{
    if (declared.empty()) return;
    const std::string want = lower(declared);
    bool matches = false;
    if (detected.chip && want.size() >= 7 && want.starts_with("stm32f")) {
        const char family_digit = want[6];
        const std::string_view family = to_string(detected.chip->family);
        matches = family.back() == family_digit;
        // "stm32f103c8": the line (103) must be one that shares this DEV_ID.
        if (matches && want.size() >= 9 && std::isdigit(static_cast<unsigned char>(want[7])) &&
            std::isdigit(static_cast<unsigned char>(want[8]))) {
            matches = detected.chip->lines.find(want.substr(6, 3)) != std::string_view::npos;
        }
    }
    if (!matches) {
        throw Error(ErrorKind::WrongTarget,
                    "the suite or flag declares target '" + std::string(declared) +
                        "' but the connected chip is " + detected.description() +
                        " (DBGMCU_IDCODE " + hex(detected.ids.dbgmcu_idcode, 8) + ")",
                    "declare the chip that is connected (e.g. stm32f103c8 for a Blue Pill), or "
                    "connect the board the suite was written for");
    }
}

}  // namespace hiltest::probe::target
