#include "reports/text_sanitise.hpp"

#include <cstdint>

#include <fmt/format.h>

namespace hiltest::reports {

namespace {

void append_byte_escape(std::string& out, unsigned char byte)
{
    out += fmt::format("\\x{:02X}", byte);
}

// Length of the valid UTF-8 sequence starting at bytes[i] and its code point; 0 when invalid.
std::size_t decode_utf8(std::string_view bytes, std::size_t i, std::uint32_t& code_point)
{
    const auto lead = static_cast<unsigned char>(bytes[i]);
    std::size_t length = 0;
    std::uint32_t minimum = 0;
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code_point = lead & 0x1F;
        minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code_point = lead & 0x0F;
        minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code_point = lead & 0x07;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (i + length > bytes.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        const auto continuation = static_cast<unsigned char>(bytes[i + k]);
        if ((continuation & 0xC0) != 0x80) {
            return 0;
        }
        code_point = (code_point << 6) | (continuation & 0x3F);
    }
    const bool overlong = code_point < minimum;
    const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    if (overlong || surrogate || code_point > 0x10FFFF) {
        return 0;
    }
    return length;
}

}  // namespace

std::string printable_text(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        std::uint32_t code_point = 0;
        const std::size_t length = decode_utf8(bytes, i, code_point);
        if (length == 0) {
            append_byte_escape(out, static_cast<unsigned char>(bytes[i]));
            ++i;
            continue;
        }
        if (code_point == '\r') {
            out += '\n';
            i += (i + 1 < bytes.size() && bytes[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        const bool c0_control = code_point < 0x20 && code_point != '\t' && code_point != '\n';
        const bool c1_control = code_point >= 0x7F && code_point <= 0x9F;
        if (c0_control || code_point == 0x7F) {
            append_byte_escape(out, static_cast<unsigned char>(code_point));
        } else if (c1_control || code_point == 0xFFFE || code_point == 0xFFFF) {
            out += fmt::format("\\u{{{:X}}}", code_point);
        } else {
            out.append(bytes.substr(i, length));
        }
        i += length;
    }
    return out;
}

std::string printable_line(std::string_view bytes)
{
    std::string text = printable_text(bytes);
    for (char& c : text) {
        if (c == '\n' || c == '\t') {
            c = ' ';
        }
    }
    return text;
}

namespace {

// The printable text with XML's special characters as references; in attribute values also the
// quotes, and newline and tab, which attribute-value normalisation would turn into spaces.
std::string xml_escaped(std::string_view bytes, bool attribute)
{
    const std::string text = printable_text(bytes);
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += attribute ? "&quot;" : "\""; break;
        case '\'': out += attribute ? "&apos;" : "'"; break;
        case '\n': out += attribute ? "&#10;" : "\n"; break;
        case '\t': out += attribute ? "&#9;" : "\t"; break;
        default: out += c;
        }
    }
    return out;
}

}  // namespace

std::string xml_text(std::string_view bytes)
{
    return xml_escaped(bytes, false);
}

std::string xml_attribute(std::string_view bytes)
{
    return xml_escaped(bytes, true);
}

}  // namespace hiltest::reports
