#include "runner/suite/json_positions.hpp"

#include <cstdint>
#include <stdexcept>

namespace hiltest::suite {

namespace {

bool is_identifier(std::string_view key)
{
    if (key.empty()) {
        return false;
    }
    for (char c : key) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '_' || c == '$' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

void append_utf8(std::string& out, std::uint32_t code_point)
{
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

}  // namespace

std::string member_path(const std::string& parent, std::string_view key)
{
    if (is_identifier(key)) {
        return parent.empty() ? std::string(key) : parent + "." + std::string(key);
    }
    std::string quoted = parent + "[\"";
    for (char c : key) {
        if (c == '"' || c == '\\') {
            quoted += '\\';
        }
        quoted += c;
    }
    return quoted + "\"]";
}

std::string element_path(const std::string& parent, std::size_t index)
{
    return parent + "[" + std::to_string(index) + "]";
}

// Recursive descent over text that is already known to be valid JSON.
class JsonPositionScanner {
public:
    JsonPositionScanner(std::string_view text, std::size_t max_depth, JsonPositions& out)
        : text_(text), max_depth_(max_depth), out_(out)
    {
        // nlohmann accepts a UTF-8 byte order mark; it occupies no column.
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") {
            index_ = 3;
        }
    }

    void run()
    {
        skip_whitespace();
        value("", 0);
    }

private:
    char peek() const { return index_ < text_.size() ? text_[index_] : '\0'; }

    void advance()
    {
        if (index_ >= text_.size()) {
            return;
        }
        const auto byte = static_cast<unsigned char>(text_[index_]);
        ++index_;
        if (byte == '\n') {
            ++position_.line;
            position_.column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++position_.column;
        }
    }

    void skip_whitespace()
    {
        while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') {
            advance();
        }
    }

    void value(const std::string& path, std::size_t depth)
    {
        if (depth > max_depth_) {
            throw std::length_error("JSON nesting deeper than " + std::to_string(max_depth_) + " levels");
        }
        out_.values_[path] = position_;
        switch (peek()) {
        case '{': object(path, depth); break;
        case '[': array(path, depth); break;
        case '"': string(); break;
        default:
            while (index_ < text_.size()) {
                const char c = peek();
                if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    break;
                }
                advance();
            }
        }
    }

    void object(const std::string& path, std::size_t depth)
    {
        advance();  // {
        skip_whitespace();
        std::unordered_map<std::string, bool> seen;
        while (index_ < text_.size() && peek() != '}') {
            const TextPosition key_position = position_;
            const std::string key = string();
            const std::string child = member_path(path, key);
            if (seen.contains(key)) {
                out_.duplicates_.push_back({child, key_position});
            }
            seen[key] = true;
            out_.keys_[child] = key_position;
            skip_whitespace();
            advance();  // :
            skip_whitespace();
            value(child, depth + 1);
            skip_whitespace();
            if (peek() == ',') {
                advance();
                skip_whitespace();
            }
        }
        advance();  // }
    }

    void array(const std::string& path, std::size_t depth)
    {
        advance();  // [
        skip_whitespace();
        std::size_t index = 0;
        while (index_ < text_.size() && peek() != ']') {
            value(element_path(path, index++), depth + 1);
            skip_whitespace();
            if (peek() == ',') {
                advance();
                skip_whitespace();
            }
        }
        advance();  // ]
    }

    std::uint32_t hex4()
    {
        std::uint32_t result = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = peek();
            result <<= 4;
            if (c >= '0' && c <= '9') {
                result |= static_cast<std::uint32_t>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                result |= static_cast<std::uint32_t>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                result |= static_cast<std::uint32_t>(c - 'A' + 10);
            }
            advance();
        }
        return result;
    }

    // Returns the decoded string, so that keys match the ones nlohmann stored.
    std::string string()
    {
        std::string decoded;
        advance();  // opening quote
        while (index_ < text_.size() && peek() != '"') {
            if (peek() != '\\') {
                decoded += peek();
                advance();
                continue;
            }
            advance();
            const char escape = peek();
            advance();
            switch (escape) {
            case 'b': decoded += '\b'; break;
            case 'f': decoded += '\f'; break;
            case 'n': decoded += '\n'; break;
            case 'r': decoded += '\r'; break;
            case 't': decoded += '\t'; break;
            case 'u': {
                std::uint32_t code_point = hex4();
                if (code_point >= 0xD800 && code_point < 0xDC00 && peek() == '\\') {
                    advance();
                    advance();  // u
                    const std::uint32_t low = hex4();
                    code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
                }
                append_utf8(decoded, code_point);
                break;
            }
            default: decoded += escape; break;
            }
        }
        advance();  // closing quote
        return decoded;
    }

    std::string_view text_;
    std::size_t max_depth_;
    JsonPositions& out_;
    std::size_t index_ = 0;
    TextPosition position_;
};

JsonPositions JsonPositions::scan(std::string_view valid_json, std::size_t max_depth)
{
    JsonPositions positions;
    JsonPositionScanner(valid_json, max_depth, positions).run();
    return positions;
}

TextPosition JsonPositions::value(const std::string& path) const
{
    const auto found = values_.find(path);
    return found == values_.end() ? TextPosition{} : found->second;
}

TextPosition JsonPositions::key(const std::string& path) const
{
    const auto found = keys_.find(path);
    return found == keys_.end() ? value(path) : found->second;
}

}  // namespace hiltest::suite
