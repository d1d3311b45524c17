#include "reports/json_report.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "probe/base/error.hpp"
#include "reports/atomic_file.hpp"
#include "reports/format.hpp"
#include "reports/json_nested.hpp"
#include "reports/text_sanitise.hpp"

namespace hiltest::reports {

namespace {

using nlohmann::json;

json source_to_json(const SourceRef& source)
{
    if (source.empty()) {
        return nullptr;
    }
    return {{"file", source.file}, {"line", source.line}, {"column", source.column}};
}

SourceRef source_from_json(const json& value)
{
    SourceRef source;
    if (value.is_object()) {
        source.file = value.at("file").get<std::string>();
        source.line = value.at("line").get<std::size_t>();
        source.column = value.at("column").get<std::size_t>();
    }
    return source;
}

json counts_to_json(const Counts& counts, Duration duration, bool interrupted)
{
    const char* result = interrupted ? "interrupted" : counts.all_passed() ? "passed" : "failed";
    json out = {{"result", result},          {"tests", counts.tests},     {"passed", counts.passed},
            {"failed", counts.failed},   {"errors", counts.errors},   {"skipped", counts.skipped},
            {"interrupted", counts.interrupted}, {"not_run", counts.not_run},
            {"duration_ms", milliseconds(duration)}};
    if (counts.on_target.cases > 0) {
        const CaseCounts& c = counts.on_target;
        out["on_target_cases"] = {{"cases", c.cases},   {"passed", c.passed}, {"failed", c.failed},
                                  {"errors", c.errors}, {"skipped", c.skipped}};
    }
    return out;
}

// With --repeat: how each test did over its repetitions, so nobody has to count entries.
json test_counts_to_json(const SuiteResult& run)
{
    json out = json::object();
    for (const auto& [name, counts] : counts_by_test(run)) {
        out[printable_text(name)] = {{"runs", counts.tests},         {"passed", counts.passed},
                                     {"failed", counts.failed},      {"errors", counts.errors},
                                     {"skipped", counts.skipped},    {"interrupted", counts.interrupted}};
    }
    return out;
}

json step_to_json(const StepResult& step)
{
    json out = {{"kind", step.kind},
                {"description", printable_text(step.description)},
                {"status", to_string(step.status)},
                {"duration_ms", milliseconds(step.duration)}};
    const auto optional_text = [&](const char* key, const std::string& value) {
        if (!value.empty()) {
            out[key] = printable_text(value);
        }
    };
    optional_text("name", step.name);
    optional_text("message", step.message);
    optional_text("expected", step.expected);
    optional_text("measured", step.measured);
    optional_text("error_kind", step.error_kind);
    if (!step.measurements.empty()) {
        out["measurements"] = step.measurements;
    }
    if (!step.source.empty()) {
        out["source"] = source_to_json(step.source);
    }
    if (!step.cases.empty()) {
        out["cases"] = cases_to_json(step.cases);
    }
    return out;
}

json test_to_json(const TestResult& test)
{
    json steps = json::array();
    for (const StepResult& step : test.steps) {
        steps.push_back(step_to_json(step));
    }
    json out = {{"name", printable_text(test.name)},
                {"status", to_string(test.status)},
                {"duration_ms", milliseconds(test.duration)},
                {"steps", std::move(steps)}};
    if (!test.error_kind.empty()) {
        out["error_kind"] = test.error_kind;
    }
    if (test.repetitions > 0) {
        out["repetition"] = test.repetition;
        out["repetitions"] = test.repetitions;
    }
    if (!test.message.empty()) {
        out["message"] = printable_text(test.message);
    }
    // "output": the semihosting text as schema 1 always had it; "outputs": every channel.
    if (!test.output().empty()) {
        out["output"] = printable_text(test.output());
    }
    if (!test.outputs.empty()) {
        out["outputs"] = outputs_to_json(test.outputs);
    }
    if (!test.source.empty()) {
        out["source"] = source_to_json(test.source);
    }
    return out;
}

json printable_texts(const std::vector<std::string>& texts)
{
    json out = json::array();
    for (const std::string& text : texts) out.push_back(printable_text(text));
    return out;
}

json run_to_json(const SuiteResult& run)
{
    const SuiteProperties& p = run.properties;
    json properties = {{"probe", p.probe},
                       {"probe_serial", p.probe_serial},
                       {"target", p.target},
                       {"firmware", p.firmware},
                       {"firmware_sha256", p.firmware_sha256},
                       {"hiltest_version", p.hiltest_version},
                       {"seed", p.seed ? json(*p.seed) : json(nullptr)}};
    json tests = json::array();
    for (const TestResult& test : run.tests) {
        tests.push_back(test_to_json(test));
    }
    json out = {{"suite", printable_text(run.name)},
                {"file", run.file},
                {"board", run.board},
                {"started_at", run.started_at},
                {"interrupted", run.interrupted},
                {"summary", counts_to_json(count(run), run.duration, run.interrupted)},
                {"properties", std::move(properties)},
                {"connection", run.connection},
                {"flash", run.flash},
                {"hooks", run.hooks},
                {"warnings", printable_texts(run.warnings)},
                {"tests", std::move(tests)}};
    if (!run.error.empty()) {
        out["error"] = printable_text(run.error);
    }
    if (!run.error_kind.empty()) {
        out["error_kind"] = run.error_kind;
    }
    if (has_repetitions(run)) {
        out["test_counts"] = test_counts_to_json(run);
    }
    return out;
}

std::string text_or_empty(const json& object, const char* key)
{
    const auto found = object.find(key);
    return found == object.end() || found->is_null() ? std::string() : found->get<std::string>();
}

Status status_from_json(const json& value)
{
    const auto status = status_from_string(value.get<std::string>());
    if (!status) {
        throw json::other_error::create(501, "unknown status \"" + value.get<std::string>() + "\"", &value);
    }
    return *status;
}

StepResult step_from_json(const json& in)
{
    StepResult step;
    step.kind = in.at("kind").get<std::string>();
    step.name = text_or_empty(in, "name");
    step.description = in.at("description").get<std::string>();
    step.status = status_from_json(in.at("status"));
    step.duration = from_milliseconds(in.at("duration_ms").get<double>());
    step.message = text_or_empty(in, "message");
    step.expected = text_or_empty(in, "expected");
    step.measured = text_or_empty(in, "measured");
    step.error_kind = text_or_empty(in, "error_kind");
    step.measurements = in.value("measurements", json::object());
    step.source = source_from_json(in.value("source", json()));
    if (in.contains("cases")) step.cases = cases_from_json(in.at("cases"));
    return step;
}

TestResult test_from_json(const json& in)
{
    TestResult test;
    test.name = in.at("name").get<std::string>();
    test.status = status_from_json(in.at("status"));
    test.error_kind = text_or_empty(in, "error_kind");
    test.repetition = in.value("repetition", 0u);
    test.repetitions = in.value("repetitions", 0u);
    test.duration = from_milliseconds(in.at("duration_ms").get<double>());
    test.message = text_or_empty(in, "message");
    if (in.contains("outputs")) {
        test.outputs = outputs_from_json(in.at("outputs"));
    } else {  // a report from before "outputs": one text per channel, without times
        for (const auto& [key, channel] : {std::pair{"output", "semihosting"}, std::pair{"uart", "uart1"}})
            if (std::string text = text_or_empty(in, key); !text.empty())
                test.outputs.push_back({channel, std::move(text), {{0, Duration{0}}}, 0});
    }
    test.source = source_from_json(in.value("source", json()));
    for (const json& step : in.at("steps")) {
        test.steps.push_back(step_from_json(step));
    }
    // Reports of older versions name the error kind only at the step.
    if (test.error_kind.empty() && test.status == Status::Error) {
        if (const StepResult* step = first_problem(test)) {
            test.error_kind = step->error_kind;
        }
    }
    return test;
}

SuiteResult run_from_json(const json& in)
{
    SuiteResult run;
    run.name = in.at("suite").get<std::string>();
    run.file = text_or_empty(in, "file");
    run.board = text_or_empty(in, "board");
    run.started_at = text_or_empty(in, "started_at");
    run.duration = from_milliseconds(in.at("summary").at("duration_ms").get<double>());
    run.interrupted = in.value("interrupted", false);
    run.not_run = in.at("summary").value("not_run", std::size_t{0});
    const json& p = in.at("properties");
    run.properties.probe = text_or_empty(p, "probe");
    run.properties.probe_serial = text_or_empty(p, "probe_serial");
    run.properties.target = text_or_empty(p, "target");
    run.properties.firmware = text_or_empty(p, "firmware");
    run.properties.firmware_sha256 = text_or_empty(p, "firmware_sha256");
    run.properties.hiltest_version = text_or_empty(p, "hiltest_version");
    if (p.contains("seed") && !p.at("seed").is_null()) {
        run.properties.seed = p.at("seed").get<std::uint64_t>();
    }
    run.connection = in.value("connection", json::object());
    run.flash = in.value("flash", json::object());
    run.hooks = in.value("hooks", json::array());
    if (in.contains("warnings"))
        for (const json& warning : in.at("warnings")) run.warnings.push_back(warning.get<std::string>());
    for (const json& test : in.at("tests")) {
        run.tests.push_back(test_from_json(test));
    }
    // Reports of older versions have the run's error but not its "suite setup" test (their JUnit
    // writer made one up); add it, so merged counts are those every report of this run showed.
    const std::string error = text_or_empty(in, "error");
    const std::string error_kind = text_or_empty(in, "error_kind");
    const bool has_setup_test = std::any_of(run.tests.begin(), run.tests.end(), [](const TestResult& test) {
        return test.name == kSuiteSetupTestName && test.status == Status::Error;
    });
    if (!error.empty() && !has_setup_test) {
        record_run_error(run, error, error_kind);
    } else {
        run.error = error;
        run.error_kind = error_kind;
    }
    return run;
}

void add_into(json& total, const json& value)
{
    if (value.is_number()) {
        if (total.is_null()) {
            total = value;
        } else if (total.is_number()) {
            if (total.is_number_float() || value.is_number_float()) {
                total = total.get<double>() + value.get<double>();
            } else if (total.is_number_unsigned() && value.is_number_unsigned()) {
                total = total.get<std::uint64_t>() + value.get<std::uint64_t>();
            } else {
                total = total.get<std::int64_t>() + value.get<std::int64_t>();
            }
        }
    } else if (value.is_string() || value.is_boolean()) {
        if (total.is_null()) {
            total = json::object();
        }
        if (total.is_object()) {
            const std::string key = value.is_string() ? value.get<std::string>() : value.dump();
            total[key] = total.value(key, 0) + 1;
        }
    } else if (value.is_object()) {
        if (total.is_null()) {
            total = json::object();
        }
        if (total.is_object()) {
            for (const auto& [key, child] : value.items()) {
                add_into(total[key], child);
            }
        }
    }
    // Arrays and nulls have no meaningful total.
}

}  // namespace

nlohmann::json add_up_statistics(const std::vector<nlohmann::json>& objects)
{
    json total = json::object();
    for (const json& object : objects) {
        if (object.is_object()) {
            add_into(total, object);
        }
    }
    // Members that could not be added up (arrays, type clashes) leave nulls behind; drop them.
    for (auto it = total.begin(); it != total.end();) {
        it = it->is_null() ? total.erase(it) : std::next(it);
    }
    return total;
}

nlohmann::json report_to_json(const Report& report)
{
    json runs = json::array();
    std::vector<json> connections;
    std::vector<json> flashes;
    for (const SuiteResult& run : report.runs) {
        runs.push_back(run_to_json(run));
        connections.push_back(run.connection);
        flashes.push_back(run.flash);
    }
    return {{"schema", kJsonReportSchema},
            {"schema_version", kJsonReportSchemaVersion},
            {"summary", counts_to_json(report.counts(), report.duration(), report.interrupted())},
            {"totals", {{"connection", add_up_statistics(connections)}, {"flash", add_up_statistics(flashes)}}},
            {"runs", std::move(runs)}};
}

std::string json_report_text(const Report& report)
{
    return report_to_json(report).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

void write_json_report(const std::filesystem::path& path, const Report& report)
{
    write_file_atomically(path, json_report_text(report));
}

Report report_from_json(const nlohmann::json& document, const std::string& source)
{
    const auto invalid = [&](const std::string& why) {
        return Error(ErrorKind::Usage, source + " is not a hiltest JSON report: " + why,
                     "pass JSON reports written by `hiltest run --report-dir` (schema \"hiltest-report\")");
    };
    if (!document.is_object() || document.value("schema", json()) != kJsonReportSchema) {
        throw invalid("no \"schema\": \"hiltest-report\"");
    }
    const json version = document.value("schema_version", json());
    if (!version.is_number_integer()) {
        throw invalid("no \"schema_version\"");
    }
    if (version.get<int>() != kJsonReportSchemaVersion) {
        throw Error(ErrorKind::Usage,
                    source + " has report schema_version " + version.dump() + "; this hiltest reads version " +
                        std::to_string(kJsonReportSchemaVersion),
                    "use the hiltest version that wrote the report");
    }
    try {
        Report report;
        for (const json& run : document.at("runs")) {
            report.runs.push_back(run_from_json(run));
        }
        return report;
    } catch (const json::exception& error) {
        throw invalid(error.what());
    }
}

Report load_json_report(const std::filesystem::path& path)
{
    std::ifstream input(path, std::ios::binary);
    if (!input) {
        throw Error(ErrorKind::Usage, "cannot open report " + path.string(), "check the path");
    }
    json document;
    try {
        document = json::parse(input);
    } catch (const json::parse_error& error) {
        throw Error(ErrorKind::Usage, path.string() + " is not valid JSON: " + error.what(),
                    "the file may be truncated or not a hiltest report");
    }
    return report_from_json(document, path.string());
}

}  // namespace hiltest::reports
