#pragma once
// What the semihosting host gives the firmware besides its output: the configuration a suite
// (`"semihosting"`) or `hiltest sim run --semihosting-*` sets, the same on the simulated board and
// on a real bench.
#include <cstdint>
#include <string>

namespace hiltest::armv7m::semihosting {

// SYS_HEAPINFO's four words. All zero (the default) is what newlib's start-up reads as "use the
// linker script's symbols".
struct HeapInfo {
    uint32_t heap_base = 0;
    uint32_t heap_limit = 0;
    uint32_t stack_base = 0;
    uint32_t stack_limit = 0;

    bool operator==(const HeapInfo&) const = default;
};

struct Config {
    std::string command_line;  // SYS_GET_CMDLINE
    std::string stdin_text;    // what SYS_READ on stdin and SYS_READC return, then end of file
    HeapInfo heap;
    // SYS_TIME at the start of the run, in seconds since 1970; it then advances with the run's
    // elapsed time (simulated on the simulated board, so a run stays deterministic).
    uint64_t start_time_s = 0;

    bool operator==(const Config&) const = default;
};

}  // namespace hiltest::armv7m::semihosting
