#include "reports/result.hpp"

namespace hiltest::reports {

std::string_view to_string(Status status)
{
    switch (status) {
    case Status::Passed: return "passed";
    case Status::Failed: return "failed";
    case Status::Error: return "error";
    case Status::Skipped: return "skipped";
    case Status::Interrupted: return "interrupted";
    }
    return "error";
}

std::optional<Status> status_from_string(std::string_view text)
{
    for (Status status : {Status::Passed, Status::Failed, Status::Error, Status::Skipped, Status::Interrupted}) {
        if (to_string(status) == text) {
            return status;
        }
    }
    return std::nullopt;
}

std::string SourceRef::to_string() const
{
    if (file.empty()) {
        return {};
    }
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

Counts& Counts::operator+=(const Counts& other)
{
    tests += other.tests;
    passed += other.passed;
    failed += other.failed;
    errors += other.errors;
    skipped += other.skipped;
    interrupted += other.interrupted;
    return *this;
}

Counts count(const SuiteResult& suite)
{
    Counts counts;
    for (const TestResult& test : suite.tests) {
        ++counts.tests;
        switch (test.status) {
        case Status::Passed: ++counts.passed; break;
        case Status::Failed: ++counts.failed; break;
        case Status::Error: ++counts.errors; break;
        case Status::Skipped: ++counts.skipped; break;
        case Status::Interrupted: ++counts.interrupted; break;
        }
    }
    return counts;
}

void record_run_error(SuiteResult& run, const std::string& message, const std::string& error_kind,
                      const SourceRef& where)
{
    run.error = message;
    run.error_kind = error_kind;
    TestResult setup;
    setup.name = std::string(kSuiteSetupTestName);
    setup.status = Status::Error;
    setup.error_kind = error_kind;
    setup.message = message;
    setup.source = where;
    run.tests.push_back(std::move(setup));
}

Counts Report::counts() const
{
    Counts total;
    for (const SuiteResult& run : runs) {
        total += count(run);
    }
    return total;
}

Duration Report::duration() const
{
    Duration total{0};
    for (const SuiteResult& run : runs) {
        total += run.duration;
    }
    return total;
}

bool Report::interrupted() const
{
    for (const SuiteResult& run : runs) {
        if (run.interrupted) {
            return true;
        }
    }
    return false;
}

}  // namespace hiltest::reports
