#pragma once
// Reports the writer tests share: one of every status, statistics, and hostile bytes.
#include <filesystem>
#include <string>

#include <unistd.h>

#include "reports/result.hpp"

namespace hiltest::reports::testing {

// A path in the temporary folder that no other test process uses at the same time (several
// build trees may run these tests concurrently).
inline std::filesystem::path unique_temp_path(const std::string& name)
{
    return std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
}

// Bytes a misbehaving target might print: NUL, ESC sequences, invalid UTF-8, an overlong
// encoding, a lone surrogate, U+FFFF, XML metacharacters and a CDATA terminator.
inline std::string hostile_bytes()
{
    return std::string("ok\0nul", 6) + "\x1b[31mred\x1b[0m \xff\xfe \xc0\xaf \xed\xa0\x80 \xef\xbf\xbf" +
           " <tag a=\"b\"> & ]]> 'q' \r\n\x07\x7f\xc2\x85 done ✓ %0A, :";
}

inline SuiteResult blink_run()
{
    SuiteResult run;
    run.name = "blink";
    run.file = "testsuites/blink.json";
    run.started_at = "2026-11-23T23:00:00Z";
    run.duration = Duration(2'410'000);
    run.properties.probe = "sim";
    run.properties.probe_serial = "SIM0001";
    run.properties.target = "stm32f103c8";
    run.properties.firmware = "build/firmware/blink_systick.elf";
    run.properties.firmware_sha256 = std::string(64, 'a');
    run.properties.hiltest_version = "0.1.0";
    run.properties.seed = 42;
    run.connection = {{"attempts", 3},
                      {"retries", 2},
                      {"strategy", "under-reset"},
                      {"errors_by_kind", {{"target-not-responding", 2}}},
                      {"backoff_ms", 300},
                      {"time_to_connect_ms", 412.5}};
    run.flash = {{"bytes_written", 4096}, {"pages_erased", 4}, {"pages_skipped", 60}, {"verified", true}};

    TestResult flash;
    flash.name = "flash";
    flash.duration = Duration(800'000);
    flash.source = {"testsuites/blink.json", 14, 5};
    StepResult flash_step;
    flash_step.kind = "flash";
    flash_step.description = "flash";
    flash_step.duration = Duration(790'000);
    flash_step.source = {"testsuites/blink.json", 15, 17};
    flash.steps.push_back(flash_step);
    run.tests.push_back(flash);

    TestResult blinks;
    blinks.name = "blinks at 2 Hz";
    blinks.status = Status::Failed;
    blinks.duration = Duration(1'500'000);
    blinks.source = {"testsuites/blink.json", 17, 5};
    StepResult blink_step;
    blink_step.kind = "expect_blink";
    blink_step.description = "expect_blink PC13 2 Hz ±10% over 2000 ms";
    blink_step.status = Status::Failed;
    blink_step.duration = Duration(1'450'000);
    blink_step.expected = "2 Hz ±10%";
    blink_step.measured = "1.00 Hz";
    blink_step.measurements = {{"frequency_hz", 1.0}, {"toggles", 4}};
    blink_step.source = {"testsuites/blink.json", 19, 7};
    blinks.steps.push_back(blink_step);
    blinks.outputs = {{"semihosting", hostile_bytes(), {{0, reports::Duration{0}}}, 0}};
    run.tests.push_back(blinks);

    TestResult broken;
    broken.name = "reads uptime";
    broken.status = Status::Error;
    broken.error_kind = "target-fault";
    broken.duration = Duration(100'000);
    StepResult read_step;
    read_step.kind = "expect_memory";
    read_step.description = "expect_memory uptime_ms (32-bit) changes within 100 ms";
    read_step.status = Status::Error;
    read_step.error_kind = "target-fault";
    read_step.message = "the target answered FAULT reading 0x20000000";
    broken.steps.push_back(read_step);
    run.tests.push_back(broken);

    TestResult skipped;
    skipped.name = "after reads uptime";
    skipped.status = Status::Skipped;
    skipped.message = "skipped: depends on \"reads uptime\", which did not pass";
    run.tests.push_back(skipped);

    TestResult interrupted;
    interrupted.name = "long soak";
    interrupted.status = Status::Interrupted;
    interrupted.message = "interrupted by SIGINT";
    interrupted.outputs = {{"uart1", "uart says hi\n", {{0, reports::Duration{1500}}}, 0}};
    run.tests.push_back(interrupted);
    run.interrupted = true;
    return run;
}

// A test whose run_tests step reported the firmware's own cases: one of each outcome.
inline TestResult on_target_test()
{
    TestResult test;
    test.name = "unit tests on target";
    test.status = Status::Failed;
    test.duration = Duration(900'000);
    StepResult step;
    step.kind = "run_tests";
    step.description = "run_tests unity on semihosting";
    step.status = Status::Failed;
    step.message = "2 of 4 on-target cases did not pass; first test_crc (src/test_crc.c:42): Expected 0x1234 Was 0x1235";
    step.source = {"testsuites/unity.json", 9, 9};
    step.cases = {{"", "test_ring_wraps", Status::Passed, "", "src/test_ring.c", 17, 0.25},
                  {"", "test_crc", Status::Failed, "Expected 0x1234 Was 0x1235", "src/test_crc.c", 42, std::nullopt},
                  {"", "test_flash_write", Status::Skipped, "needs a real flash", "src/test_flash.c", 8, std::nullopt},
                  {"Fixed", "q15_multiply", Status::Error, "started and never finished: the firmware faulted: HardFault", "", 0,
                   std::nullopt}};
    test.steps.push_back(step);
    test.outputs = {{"semihosting", "src/test_ring.c:17:test_ring_wraps:PASS\n", {{0, Duration{1000}}}, 0},
                    {"uart1", "boot\nflood", {{0, Duration{0}}, {5, Duration{2500}}}, 4096}};
    return test;
}

inline SuiteResult hostile_run()
{
    SuiteResult run;
    run.name = hostile_bytes();
    run.board = hostile_bytes();
    run.properties.probe = hostile_bytes();
    run.connection = {{"strategy", "normal"}, {"attempts", 1}};
    TestResult test;
    test.name = hostile_bytes();
    test.status = Status::Failed;
    test.message = hostile_bytes();
    test.outputs = {{"semihosting", hostile_bytes(), {{0, reports::Duration{0}}}, 0},
                    {"uart1", hostile_bytes(), {{0, reports::Duration{0}}}, 0}};
    StepResult step;
    step.kind = "expect_output";
    step.description = hostile_bytes();
    step.status = Status::Failed;
    step.expected = hostile_bytes();
    step.measured = hostile_bytes();
    step.message = hostile_bytes();
    step.source = {hostile_bytes(), 1, 2};
    test.steps.push_back(step);
    run.tests.push_back(test);
    record_run_error(run, hostile_bytes(), "target-not-responding");
    return run;
}

// `--repeat 5` of one test, interrupted during the third repetition: the other two never started.
// Its steps carry the user's labels.
inline SuiteResult repeated_run()
{
    SuiteResult run;
    run.name = "soak";
    run.file = "testsuites/soak.json";
    run.duration = Duration(3'000'000);
    run.properties.probe = "sim";
    const Status statuses[] = {Status::Passed, Status::Failed, Status::Interrupted};
    for (unsigned k = 1; k <= 3; ++k) {
        TestResult test;
        test.name = "blinks";
        test.repetition = k;
        test.repetitions = 5;
        test.status = statuses[k - 1];
        test.duration = Duration(1'000'000);
        test.source = {"testsuites/soak.json", 6, 5};
        StepResult step;
        step.kind = "expect_blink";
        step.name = "LED blinks";
        step.description = "expect_blink PC13 1 Hz ±10% over 1000 ms";
        step.status = test.status;
        step.duration = test.duration;
        step.source = {"testsuites/soak.json", 8, 9};
        if (test.status == Status::Failed) {
            step.expected = "1 Hz ±10%";
            step.measured = "0.50 Hz";
        } else if (test.status == Status::Interrupted) {
            step.error_kind = "interrupted";
            step.message = "interrupted";
            test.message = "interrupted at step expect_blink";
        }
        test.steps.push_back(step);
        run.tests.push_back(test);
    }
    run.interrupted = true;
    run.not_run = 2;
    return run;
}

inline Report sample_report()
{
    Report report;
    report.runs.push_back(blink_run());
    return report;
}

// The sample with a run of on-target cases added.
inline Report on_target_report()
{
    Report report;
    SuiteResult run = blink_run();
    run.interrupted = false;
    run.tests = {on_target_test()};
    report.runs.push_back(run);
    return report;
}

}  // namespace hiltest::reports::testing
