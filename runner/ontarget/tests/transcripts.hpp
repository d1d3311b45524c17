#pragma once
// Realistic transcripts of on-target test runs, one set per framework, written for these tests:
// the firmware's own prints are mixed in where a real run would have them.
#include <string_view>

namespace hiltest::ontarget::testing {

inline constexpr std::string_view unity_run =
    "boot: clocks at 72 MHz\n"
    "test_ring_buffer.c:18:test_push_then_pop_returns_value:PASS\n"
    "test_ring_buffer.c:31:test_pop_on_empty_fails:FAIL: Expected 0 Was 1\n"
    "ring: dropped 3 bytes\n"
    "test_ring_buffer.c:40:test_wraparound:IGNORE: needs a 2 KiB buffer\n"
    "test_ring_buffer.c:52:test_capacity:IGNORE\n"
    "test_ring_buffer.c:60:test_peek:INFO: peek looks at the head\n"
    "test_ring_buffer.c:58:test_peek:PASS\n"
    "\n"
    "-----------------------\n"
    "5 Tests 1 Failures 2 Ignored \n"
    "FAIL\n";

// UNITY_INCLUDE_EXEC_TIME, Windows-style path, all passing.
inline constexpr std::string_view unity_timed_run =
    "C:\\fw\\test\\test_crc.c:10:test_crc_of_empty_input:PASS (0 ms)\n"
    "C:\\fw\\test\\test_crc.c:22:test_crc_known_vector:PASS (3 ms)\n"
    "\n"
    "-----------------------\n"
    "2 Tests 0 Failures 0 Ignored \n"
    "OK\n";

// The board hung in test_flash_erase: its result line never came.
inline constexpr std::string_view unity_cut_off =
    "test_flash.c:12:test_flash_unlock:PASS\n"
    "test_flash.c:20:test_flash_program_half_word:PASS\n"
    "erasing page 127";

inline constexpr std::string_view cpputest_verbose_run =
    "TEST(RingBuffer, PushThenPop) - 0 ms\n"
    "IGNORE_TEST(RingBuffer, Wraparound) - 0 ms\n"
    "TEST(RingBuffer, PopOnEmpty)\n"
    "tests/RingBufferTest.cpp:42: error: Failure in TEST(RingBuffer, PopOnEmpty)\n"
    "\texpected <0>\n"
    "\tbut was  <1>\n"
    "\n"
    " - 1 ms\n"
    "TEST(Crc, KnownVector)crc: table built\n"
    " - 2 ms\n"
    "\n"
    "Errors (1 failures, 4 tests, 4 ran, 9 checks, 1 ignored, 0 filtered out, 3 ms)\n"
    "\n";

inline constexpr std::string_view cpputest_default_run =
    "..!\n"
    "tests/RingBufferTest.cpp:42: error: Failure in TEST(RingBuffer, PopOnEmpty)\n"
    "\texpected <0>\n"
    "\tbut was  <1>\n"
    "\n"
    ".\n"
    "Errors (1 failures, 4 tests, 4 ran, 7 checks, 1 ignored, 0 filtered out, 2 ms)\n"
    "\n";

inline constexpr std::string_view cpputest_ok_run =
    "TEST(Crc, Empty) - 0 ms\n"
    "TEST(Crc, KnownVector) - 2 ms\n"
    "\n"
    "OK (2 tests, 2 ran, 3 checks, 0 ignored, 0 filtered out, 2 ms)\n"
    "\n";

// A HardFault inside Flash.Erase: its " - N ms" never came.
inline constexpr std::string_view cpputest_cut_off =
    "TEST(Flash, Unlock) - 0 ms\n"
    "TEST(Flash, Erase)";

inline constexpr std::string_view gtest_run =
    "[==========] Running 4 tests from 2 test suites.\n"
    "[----------] Global test environment set-up.\n"
    "[----------] 3 tests from RingBuffer\n"
    "[ RUN      ] RingBuffer.PushThenPop\n"
    "[       OK ] RingBuffer.PushThenPop (0 ms)\n"
    "[ RUN      ] RingBuffer.PopOnEmpty\n"
    "ring: underflow\n"
    "../tests/ring_buffer_test.cpp:42: Failure\n"
    "Expected equality of these values:\n"
    "  ring.pop()\n"
    "    Which is: 1\n"
    "  0\n"
    "[  FAILED  ] RingBuffer.PopOnEmpty (1 ms)\n"
    "[ RUN      ] RingBuffer.Wraparound\n"
    "../tests/ring_buffer_test.cpp:50: Skipped\n"
    "needs a 2 KiB buffer\n"
    "\n"
    "[  SKIPPED ] RingBuffer.Wraparound (0 ms)\n"
    "[----------] 3 tests from RingBuffer (1 ms total)\n"
    "\n"
    "[----------] 1 test from Crc/CrcTest\n"
    "[ RUN      ] Crc/CrcTest.KnownVector/0\n"
    "[       OK ] Crc/CrcTest.KnownVector/0 (2 ms)\n"
    "[----------] 1 test from Crc/CrcTest (2 ms total)\n"
    "\n"
    "[----------] Global test environment tear-down\n"
    "[==========] 4 tests from 2 test suites ran. (3 ms total)\n"
    "[  PASSED  ] 2 tests.\n"
    "[  SKIPPED ] 1 test, listed below:\n"
    "[  SKIPPED ] RingBuffer.Wraparound\n"
    "[  FAILED  ] 1 test, listed below:\n"
    "[  FAILED  ] RingBuffer.PopOnEmpty\n"
    "\n"
    " 1 FAILED TEST\n";

// The watchdog reset the board inside Flash.Erase.
inline constexpr std::string_view gtest_cut_off =
    "[==========] Running 3 tests from 1 test suite.\n"
    "[ RUN      ] Flash.Unlock\n"
    "[       OK ] Flash.Unlock (0 ms)\n"
    "[ RUN      ] Flash.Erase\n"
    "erasing page 127\n";

inline constexpr std::string_view tap_run =
    "TAP version 13\n"
    "1..5\n"
    "ok 1 - crc of empty input\n"
    "not ok 2 - pop on empty ring\n"
    "  ---\n"
    "  message: 'expected 0, got 1'\n"
    "  severity: fail\n"
    "  at:\n"
    "    file: tests/ring.c\n"
    "    line: 42\n"
    "  duration_ms: 1.5\n"
    "  ...\n"
    "ok 3 - wraparound # SKIP needs a 2 KiB buffer\n"
    "not ok 4 - dma burst # TODO not implemented\n"
    "# firmware: adc calibrated\n"
    "ok 5 peek \\# of items\n";

// TAP 12: no version line, the plan at the end, test 3 never reported.
inline constexpr std::string_view tap_missing_run =
    "ok 1 gpio toggles\n"
    "ok 2 uart echo\n"
    "ok 4 spi loopback\n"
    "1..4\n";

inline constexpr std::string_view tap_bail_out_run =
    "TAP version 14\n"
    "1..3\n"
    "ok 1 - clock tree\n"
    "Bail out! flash controller locked\n"
    "ok 2 - would not count\n";

// The firmware hung after test 2 of 4.
inline constexpr std::string_view tap_cut_off =
    "1..4\n"
    "ok 1 - clock tree\n"
    "ok 2 - gpio\n"
    "running spi";

}  // namespace hiltest::ontarget::testing
