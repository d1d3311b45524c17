#pragma once
// The end-to-end fixture: runs the real hiltest binary in a fresh folder per test and reads
// back what it wrote (JSON reports, JUnit checked against the Jenkins XSD).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "probe/base/external_command.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/firmware_paths.hpp"
#include "tests/support/test_folder.hpp"

namespace hiltest::testing {

namespace fs = std::filesystem;
using nlohmann::json;

inline const std::string kHiltest = HILTEST_BINARY;
inline const std::string kSource = HILTEST_SOURCE_DIR;
inline const std::string kFirmware = hiltest::testing::firmware_dir();

class RunCommandTest : public TestInFolder {
protected:
    CommandResult run(const std::string& suite, std::vector<std::string> extra = {})
    {
        std::vector<std::string> argv = {kHiltest, "run", suite, "--report-dir", (dir_ / "reports").string(),
                                         "--var", "firmware_dir=" + kFirmware};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return run_program(argv);
    }

    std::string write_suite(const std::string& name, const std::string& text)
    {
        const fs::path path = dir_ / (name + ".json");
        std::ofstream(path) << text;
        return path.string();
    }

    // A bench file in the test's folder; returns its path.
    std::string write_bench(const json& bench)
    {
        const fs::path path = dir_ / "bench.json";
        std::ofstream(path) << bench.dump(2);
        return path.string();
    }

    json report(const std::string& suite_name)
    {
        std::ifstream in(dir_ / "reports" / (suite_name + ".json"));
        EXPECT_TRUE(in.good()) << "no JSON report for " << suite_name;
        return json::parse(in);
    }

    void expect_valid_junit(const std::string& suite_name)
    {
        const std::string xml = (dir_ / "reports" / (suite_name + ".junit.xml")).string();
        const CommandResult check = run_external_command(
            ExternalCommand({"xmllint", "--noout", "--schema", kSource + "/reports/tests/jenkins-junit.xsd", xml}));
        EXPECT_EQ(check.exit_code, 0) << check.output;
    }
};

inline std::string testsuite(const std::string& name)
{
    return kSource + "/testsuites/" + name + ".json";
}

}  // namespace hiltest::testing
