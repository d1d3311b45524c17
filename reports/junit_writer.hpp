#pragma once
// JUnit XML (testsuites/testsuite/testcase) in the dialect of the Jenkins junit-4 schema
// (reports/tests/jenkins-junit.xsd), which CI servers read.
#include <filesystem>
#include <string>

#include "reports/result.hpp"

namespace hiltest::reports {

std::string junit_xml(const Report& report);

// Atomically (see atomic_file.hpp).
void write_junit_report(const std::filesystem::path& path, const Report& report);

}  // namespace hiltest::reports
