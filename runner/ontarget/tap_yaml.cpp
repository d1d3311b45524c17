#include "runner/ontarget/tap_yaml.hpp"

#include <charconv>

#include "runner/ontarget/text_scan.hpp"

namespace hiltest::ontarget {
namespace {

std::size_t indent_of(std::string_view line)
{
    std::size_t n = 0;
    while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
    return n;
}

// 'single' (with '' for a quote), "double" (with \" \\ \n), or plain.
std::string unquote(std::string_view value)
{
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
        std::string out;
        value = value.substr(1, value.size() - 2);
        for (std::size_t i = 0; i < value.size(); ++i) {
            out.push_back(value[i]);
            if (value[i] == '\'' && i + 1 < value.size() && value[i + 1] == '\'') ++i;
        }
        return out;
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        std::string out;
        value = value.substr(1, value.size() - 2);
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (value[i] == '\\' && i + 1 < value.size()) {
                const char next = value[++i];
                out.push_back(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                out.push_back(value[i]);
            }
        }
        return out;
    }
    return std::string(value);
}

std::optional<double> parse_duration(std::string_view text)
{
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

}  // namespace

void TapYamlBlock::store(std::string_view key, std::string value)
{
    if (key == "message") {
        message_ = std::move(value);
    } else if (key == "file") {
        file_ = std::move(value);
    } else if (key == "line") {
        if (const auto line = text::parse_line_number(text::trim(value))) line_ = line;
    } else if (key == "duration_ms") {
        if (const auto ms = parse_duration(text::trim(value))) duration_ms_ = ms;
    }
}

void TapYamlBlock::close_block_scalar()
{
    if (!in_block_) return;
    in_block_ = false;
    while (!block_text_.empty() && block_text_.back() == '\n') block_text_.pop_back();
    store(block_key_, std::move(block_text_));
    block_text_.clear();
}

bool TapYamlBlock::take(std::string_view line)
{
    const std::string_view content = text::trim(line);
    const std::size_t indent = indent_of(line);
    if (!content.empty() && indent < indent_) return false;
    if (in_block_) {
        if (content.empty() || indent > block_key_indent_) {
            if (!block_text_.empty()) block_text_ += '\n';
            block_text_ += std::string(content);
            return true;
        }
        close_block_scalar();
    }
    std::string_view entry = content;
    if (entry.starts_with("- ")) entry = text::trim_left(entry.substr(2));  // a list item's mapping
    const std::size_t colon = entry.find(':');
    if (colon == std::string_view::npos || colon == 0) return true;
    if (colon + 1 < entry.size() && entry[colon + 1] != ' ') return true;  // "a:b" is no key
    const std::string_view key = entry.substr(0, colon);
    const std::string_view value = text::trim(entry.substr(colon + 1));
    if (value == "|" || value == "|-" || value == ">" || value == ">-") {
        in_block_ = true;
        block_key_ = std::string(key);
        block_key_indent_ = indent;
        return true;
    }
    if (!value.empty()) store(key, unquote(value));
    return true;
}

void TapYamlBlock::fill(CaseResult& result) const
{
    // A block scalar still open when the block ended counts with what it collected.
    TapYamlBlock closed = *this;
    closed.close_block_scalar();
    if (closed.message_) result.message = *closed.message_;
    if (closed.file_) result.file = *closed.file_;
    if (closed.line_) result.line = closed.line_;
    if (closed.duration_ms_) result.duration_ms = closed.duration_ms_;
}

}  // namespace hiltest::ontarget
