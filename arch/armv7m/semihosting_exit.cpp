#include "arch/armv7m/semihosting_exit.hpp"

#include <array>
#include <cstdio>

#include "arch/armv7m/semihosting.hpp"

namespace hiltest::armv7m::semihosting {
namespace {

// The hardware vector reasons (0x20000…) and the software reasons (0x20020…).
constexpr std::array<ExitReason, 18> kExitReasons = {{
    {0x20000, "ADP_Stopped_BranchThroughZero"},
    {0x20001, "ADP_Stopped_UndefinedInstr"},
    {0x20002, "ADP_Stopped_SoftwareInterrupt"},
    {0x20003, "ADP_Stopped_PrefetchAbort"},
    {0x20004, "ADP_Stopped_DataAbort"},
    {0x20005, "ADP_Stopped_AddressException"},
    {0x20006, "ADP_Stopped_IRQ"},
    {0x20007, "ADP_Stopped_FIQ"},
    {0x20020, "ADP_Stopped_BreakPoint"},
    {0x20021, "ADP_Stopped_WatchPoint"},
    {0x20022, "ADP_Stopped_StepComplete"},
    {0x20023, "ADP_Stopped_RunTimeErrorUnknown"},
    {0x20024, "ADP_Stopped_InternalError"},
    {0x20025, "ADP_Stopped_UserInterruption"},
    {0x20026, "ADP_Stopped_ApplicationExit"},
    {0x20027, "ADP_Stopped_StackOverflow"},
    {0x20028, "ADP_Stopped_DivisionByZero"},
    {0x20029, "ADP_Stopped_OSSpecific"},
}};

std::string hex_code(uint32_t code)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%X", static_cast<unsigned>(code));
    return text;
}

}  // namespace

std::span<const ExitReason> exit_reasons()
{
    return kExitReasons;
}

std::optional<std::string_view> exit_reason_name(uint32_t code)
{
    for (const ExitReason& reason : kExitReasons) {
        if (reason.code == code) return reason.name;
    }
    return std::nullopt;
}

std::string describe_exit(int status, std::optional<uint32_t> reason)
{
    std::string text = "status " + std::to_string(status);
    if (!reason) return text + " (its parameter block could not be read)";
    const std::optional<std::string_view> name = exit_reason_name(*reason);
    if (*reason == kApplicationExit) return text + " (" + std::string(*name) + ")";
    return text + " (" + (name ? std::string(*name) + ", " : std::string("reason ")) + hex_code(*reason) + ")";
}

}  // namespace hiltest::armv7m::semihosting
