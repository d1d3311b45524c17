#include "reports/result.hpp"

#include <map>

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
    // A firmware's own file:line (an on-target case) has no column; a line of 0 is unknown.
    if (line == 0) return file;
    return file + ":" + std::to_string(line) + (column > 0 ? ":" + std::to_string(column) : "");
}

Counts& Counts::operator+=(const Counts& other)
{
    tests += other.tests;
    passed += other.passed;
    failed += other.failed;
    errors += other.errors;
    skipped += other.skipped;
    interrupted += other.interrupted;
    not_run += other.not_run;
    on_target += other.on_target;
    return *this;
}

CaseCounts count_cases(const std::vector<OnTargetCase>& cases)
{
    CaseCounts counts;
    for (const OnTargetCase& c : cases) {
        ++counts.cases;
        switch (c.status) {
        case Status::Passed: ++counts.passed; break;
        case Status::Failed: ++counts.failed; break;
        case Status::Skipped: ++counts.skipped; break;
        case Status::Error:
        case Status::Interrupted: ++counts.errors; break;
        }
    }
    return counts;
}

CaseCounts& CaseCounts::operator+=(const CaseCounts& other)
{
    cases += other.cases;
    passed += other.passed;
    failed += other.failed;
    errors += other.errors;
    skipped += other.skipped;
    return *this;
}

const std::string& TestResult::output_of(std::string_view channel) const
{
    static const std::string kNone;  // immutable: the empty text of a channel that carried nothing
    for (const ChannelOutput& output : outputs)
        if (output.channel == channel) return output.text;
    return kNone;
}

std::string display_name(const TestResult& test)
{
    if (test.repetitions == 0) {
        return test.name;
    }
    return test.name + " [" + std::to_string(test.repetition) + "/" + std::to_string(test.repetitions) + "]";
}

namespace {

void add(Counts& counts, Status status)
{
    ++counts.tests;
    switch (status) {
    case Status::Passed: ++counts.passed; break;
    case Status::Failed: ++counts.failed; break;
    case Status::Error: ++counts.errors; break;
    case Status::Skipped: ++counts.skipped; break;
    case Status::Interrupted: ++counts.interrupted; break;
    }
}

void add(CaseCounts& counts, const TestResult& test)
{
    for (const StepResult& step : test.steps) counts += count_cases(step.cases);
}

}  // namespace

Counts count(const SuiteResult& suite)
{
    Counts counts;
    for (const TestResult& test : suite.tests) {
        add(counts, test.status);
        add(counts.on_target, test);
    }
    counts.not_run = suite.not_run;
    return counts;
}

std::vector<std::pair<std::string, Counts>> counts_by_test(const SuiteResult& suite)
{
    std::vector<std::pair<std::string, Counts>> by_test;
    std::map<std::string, std::size_t, std::less<>> index;  // name → position in by_test
    for (const TestResult& test : suite.tests) {
        const auto [at, added] = index.try_emplace(test.name, by_test.size());
        if (added) {
            by_test.emplace_back(test.name, Counts{});
        }
        add(by_test[at->second].second, test.status);
    }
    return by_test;
}

bool has_repetitions(const SuiteResult& suite)
{
    for (const TestResult& test : suite.tests) {
        if (test.repetitions > 0) {
            return true;
        }
    }
    return false;
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
