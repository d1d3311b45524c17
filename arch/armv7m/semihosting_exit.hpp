#pragma once
// SYS_EXIT's reason codes (ARM "Semihosting for AArch32 and AArch64" v2.0, the ADP_Stopped_*
// table; docs/chip-facts.md, "Semihosting calls used") and how a run's exit is put in words.
// One table for every reader: `hiltest sim run`'s final state and expect_exit's verdict.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hiltest::armv7m::semihosting {

struct ExitReason {
    uint32_t code;
    std::string_view name;  // "ADP_Stopped_ApplicationExit"
};

// Every ADP_Stopped_* reason of the specification, in code order.
std::span<const ExitReason> exit_reasons();

// The specification's name of `code`; nullopt for a code it does not define.
std::optional<std::string_view> exit_reason_name(uint32_t code);

// "status 0 (ADP_Stopped_ApplicationExit)", "status 1 (ADP_Stopped_RunTimeErrorUnknown, 0x20023)",
// "status 1 (reason 0x12345)"; an exit whose parameter block could not be read has no reason.
std::string describe_exit(int status, std::optional<uint32_t> reason);

}  // namespace hiltest::armv7m::semihosting
