#pragma once
// What the rtt_log fixture writes to RTT up channel 0 (fixtures/firmware/README.md, rtt_log),
// for the tests and the benchmark that check it arrived byte for byte.
#include <cstdio>
#include <string>

namespace hiltest::testing {

// 65536 bytes: the header, 2046 lines "NNNNN " + 25 letters + "\n", the end line.
inline std::string rtt_log_expected_text()
{
    std::string text = "rtt_log: 65536 bytes in all, 2046 lines of 32 now\n";
    for (unsigned n = 0; n < 2046; ++n) {
        char number[8];
        std::snprintf(number, sizeof number, "%05u ", n);
        text += number;
        for (unsigned i = 0; i < 25; ++i) text += static_cast<char>('a' + (n + i) % 26);
        text += '\n';
    }
    text += "rtt_log: done\n";
    return text;
}

}  // namespace hiltest::testing
