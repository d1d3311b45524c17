#include "reports/json_nested.hpp"

#include <algorithm>

#include "reports/format.hpp"
#include "reports/text_sanitise.hpp"

namespace hiltest::reports {
namespace {

using nlohmann::json;

// When the byte at `offset` arrived: the mark of the chunk that holds it.
Duration arrival_of(const ChannelOutput& output, std::size_t offset)
{
    const auto after = std::upper_bound(output.marks.begin(), output.marks.end(), offset,
                                        [](std::size_t at, const ChannelOutput::Mark& mark) { return at < mark.offset; });
    return after == output.marks.begin() ? Duration{0} : std::prev(after)->at;
}

json lines_to_json(const ChannelOutput& output)
{
    json lines = json::array();
    std::size_t begin = 0;
    while (begin < output.text.size()) {
        const std::size_t newline = output.text.find('\n', begin);
        const std::size_t end = newline == std::string::npos ? output.text.size() : newline + 1;
        lines.push_back({{"at_ms", milliseconds(arrival_of(output, begin))},
                         {"text", printable_text(std::string_view(output.text).substr(begin, end - begin))}});
        begin = end;
    }
    return lines;
}

}  // namespace

json outputs_to_json(const std::vector<ChannelOutput>& outputs)
{
    json out = json::array();
    for (const ChannelOutput& output : outputs) {
        json channel = {{"channel", output.channel}, {"lines", lines_to_json(output)}};
        if (output.dropped_bytes > 0) channel["dropped_bytes"] = output.dropped_bytes;
        out.push_back(std::move(channel));
    }
    return out;
}

std::vector<ChannelOutput> outputs_from_json(const json& outputs)
{
    std::vector<ChannelOutput> result;
    for (const json& in : outputs) {
        ChannelOutput output;
        output.channel = in.at("channel").get<std::string>();
        output.dropped_bytes = in.value("dropped_bytes", std::uint64_t{0});
        for (const json& line : in.at("lines")) {
            output.marks.push_back({output.text.size(), from_milliseconds(line.at("at_ms").get<double>())});
            output.text += line.at("text").get<std::string>();
        }
        result.push_back(std::move(output));
    }
    return result;
}

json cases_to_json(const std::vector<OnTargetCase>& cases)
{
    json out = json::array();
    for (const OnTargetCase& c : cases) {
        json entry = {{"name", printable_text(c.name)}, {"status", to_string(c.status)}};
        if (!c.suite.empty()) entry["suite"] = printable_text(c.suite);
        if (!c.message.empty()) entry["message"] = printable_text(c.message);
        if (!c.file.empty()) entry["file"] = printable_text(c.file);
        if (c.line > 0) entry["line"] = c.line;
        if (c.duration_ms) entry["duration_ms"] = *c.duration_ms;
        out.push_back(std::move(entry));
    }
    return out;
}

std::vector<OnTargetCase> cases_from_json(const json& cases)
{
    std::vector<OnTargetCase> result;
    for (const json& in : cases) {
        OnTargetCase c;
        c.name = in.at("name").get<std::string>();
        const auto status = status_from_string(in.at("status").get<std::string>());
        if (!status) throw json::other_error::create(501, "unknown case status", &in);
        c.status = *status;
        c.suite = in.value("suite", std::string());
        c.message = in.value("message", std::string());
        c.file = in.value("file", std::string());
        c.line = in.value("line", std::size_t{0});
        if (in.contains("duration_ms")) c.duration_ms = in.at("duration_ms").get<double>();
        result.push_back(std::move(c));
    }
    return result;
}

}  // namespace hiltest::reports
