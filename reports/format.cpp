#include "reports/format.hpp"

#include <cmath>
#include <cstdio>

#include "reports/text_sanitise.hpp"

namespace hiltest::reports {

std::string seconds_text(Duration duration)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", static_cast<double>(duration.count()) / 1e6);
    return text;
}

double milliseconds(Duration duration)
{
    return static_cast<double>(duration.count()) / 1000.0;
}

Duration from_milliseconds(double ms)
{
    return Duration(static_cast<Duration::rep>(std::llround(ms * 1000.0)));
}

std::string step_title(const StepResult& step)
{
    if (step.name.empty()) {
        return step.description;
    }
    return "step \"" + step.name + "\": " + step.description;
}

std::string step_failure_line(const StepResult& step)
{
    std::string line;
    if (!step.expected.empty() || !step.measured.empty()) {
        line = "expected " + (step.expected.empty() ? std::string("?") : step.expected) + ", measured " +
               (step.measured.empty() ? std::string("nothing") : step.measured);
    }
    if (!step.message.empty() && step.message != line) {
        line = line.empty() ? step.message : line + " (" + step.message + ")";
    }
    return printable_line(line);
}

const StepResult* first_problem(const TestResult& test)
{
    for (const StepResult& step : test.steps) {
        if (step.status == Status::Failed || step.status == Status::Error || step.status == Status::Interrupted) {
            return &step;
        }
    }
    return nullptr;
}

}  // namespace hiltest::reports
