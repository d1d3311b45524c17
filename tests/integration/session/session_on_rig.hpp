#pragma once
// The session run in-process on the simulated rig: a suite parsed from JSON text, the fixture
// firmware of the build, a sim::Rig built from a typed RigConfig, and the SuiteResult the reports
// would get. Time is the rig's simulated clock, so a 3 s blink window costs no wall time.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "fixtures/bluepill/rig/rig.hpp"
#include "reports/result.hpp"
#include "runner/cli/exit_code.hpp"
#include "runner/session/session.hpp"
#include "runner/suite/parser.hpp"
#include "tests/support/firmware_paths.hpp"

namespace hiltest::testing {

inline const std::string kFirmwareDir = hiltest::testing::firmware_dir();

// As `hiltest run --var firmware_dir=…` reads a suite file.
inline suite::Suite parse_suite_text(const std::string& json)
{
    suite::ParseOptions options;
    options.variables["firmware_dir"] = kFirmwareDir;
    return suite::parse_suite(json, "in-process.json", options);
}

// A suite on the simulated Blue Pill with `firmware` (a file of the build's firmware folder).
inline std::string suite_json(const std::string& firmware, const std::string& tests, const std::string& extra_top = "")
{
    return R"({"name": "in-process", "probe": "sim", "firmware": "${firmware_dir}/)" + firmware + R"(", )" +
           extra_top + R"("tests": [)" + tests + "]}";
}

// One test of `steps` (JSON, comma-separated).
inline std::string test_json(const std::string& name, const std::string& steps)
{
    return R"({"name": ")" + name + R"(", "steps": [)" + steps + "]}";
}

// One test that flashes the suite's firmware, starts it, then runs `steps` (JSON, comma-separated).
inline std::string started_test(const std::string& name, const std::string& steps)
{
    return test_json(name, R"({"do": "flash"}, {"do": "reset", "mode": "run"}, )" + steps);
}

// What semihost_hello prints through semihosting each time it runs, before it exits.
inline const std::string kHello = "Hello from the Blue Pill\n";

class SessionOnRig {
public:
    explicit SessionOnRig(sim::RigConfig config = {}) : rig_(std::move(config)) {}

    // What a bench file says about NRST (unset: unknown, as `hiltest run` without a bench).
    void declare_nrst_wired(bool wired) { declared_nrst_wired_ = wired; }
    // An output channel the composition root would give (a bench's serial port).
    void add_output(session::OutputSource& source) { outputs_.push_back(&source); }

    reports::SuiteResult run(const std::string& json, session::SessionOptions options = {})
    {
        const suite::Suite suite = parse_suite_text(json);
        options.note = [this](const std::string& text) { notes_.push_back(text); };
        const session::ProbeLink link{rig_.transport(), rig_.clock(), nullptr, declared_nrst_wired_, {}, nullptr, nullptr, outputs_};
        return session::run_suite(suite, link, options);
    }

    sim::Rig& rig() { return rig_; }
    const std::vector<std::string>& notes() const { return notes_; }

private:
    sim::Rig rig_;
    std::optional<bool> declared_nrst_wired_;
    std::vector<session::OutputSource*> outputs_;
    std::vector<std::string> notes_;
};

inline sim::RigConfig with_faults(const std::vector<std::string>& specs)
{
    sim::RigConfig config;
    config.faults = sim::parse_faults(specs);
    return config;
}

// The test of that name; fails the calling test (and returns an empty result) when it is missing.
inline const reports::TestResult& test_named(const reports::SuiteResult& run, const std::string& name)
{
    for (const reports::TestResult& test : run.tests)
        if (test.name == name) return test;
    ADD_FAILURE() << "no test '" << name << "' in the result";
    static const reports::TestResult missing;
    return missing;
}

// One line per test, for failure messages: "name: status [kind] message".
inline std::string summary(const reports::SuiteResult& run)
{
    std::string text = run.error.empty() ? "" : "run error: " + run.error + "\n";
    for (const reports::TestResult& test : run.tests)
        text += test.name + ": " + std::string(reports::to_string(test.status)) +
                (test.error_kind.empty() ? "" : " [" + test.error_kind + "]") + " " + test.message + "\n";
    return text;
}

inline bool any_failed(const reports::SuiteResult& run)
{
    for (const reports::TestResult& test : run.tests)
        if (test.status == reports::Status::Failed) return true;
    return false;
}

// The exit code `hiltest run` gives this result.
inline int exit_code(const reports::SuiteResult& run)
{
    return cli::exit_code_for(run);
}

}  // namespace hiltest::testing
