#include "runner/session/output_match.hpp"

namespace hiltest::session {

OutputMatch::OutputMatch(const suite::ExpectOutputStep& step) : step_(step)
{
    if (step.match == suite::ExpectOutputStep::Match::Regex && !step.text.empty()) pattern_.emplace(step.text);
}

OutputMatch::Verdict OutputMatch::judge(std::string_view text) const
{
    Verdict verdict;
    bool text_found = step_.text.empty() || (pattern_ ? pattern_->found_in(text) : text.find(step_.text) != std::string_view::npos);
    // Each expected line within a line of the output, after the line that held the previous one.
    std::size_t from = 0;
    while (verdict.lines_found < step_.lines.size() && from < text.size()) {
        const std::size_t end = text.find('\n', from);
        const std::string_view line = text.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from);
        // A last line without its newline may still grow: it counts once it holds the text.
        if (line.find(step_.lines[verdict.lines_found]) != std::string_view::npos) ++verdict.lines_found;
        if (end == std::string_view::npos) break;
        from = end + 1;
    }
    verdict.found = text_found && verdict.lines_found == step_.lines.size();
    for (const std::string& absent : step_.not_contains) {
        if (text.find(absent) != std::string_view::npos) {
            verdict.forbidden = absent;
            break;
        }
    }
    return verdict;
}

std::string OutputMatch::expected() const
{
    std::string text;
    const auto add = [&](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
    if (!step_.text.empty())
        add(pattern_ ? "output matching /" + step_.text + "/" : "output containing \"" + step_.text + "\"");
    if (!step_.lines.empty()) add(std::to_string(step_.lines.size()) + " lines in order");
    for (const std::string& absent : step_.not_contains) add("not \"" + absent + "\"");
    return text;
}

}  // namespace hiltest::session
