#include "image/intel_hex.hpp"

#include <array>
#include <cctype>

#include "probe/base/hex.hpp"

namespace hiltest::image {

namespace {

int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::string printable(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    if (std::isprint(byte)) return std::string("'") + c + "'";
    return hex(byte, 2);
}

struct Record {
    uint8_t type = 0;
    uint16_t offset = 0;
    std::vector<uint8_t> data;
};

class HexReader {
public:
    HexReader(std::string_view text, const std::string& source) : text_(text), source_(source) {}

    Image read()
    {
        size_t line_number = 0;
        size_t position = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a UTF-8 byte-order mark
        bool seen_eof = false;
        while (position < text_.size()) {
            size_t newline = text_.find('\n', position);
            if (newline == std::string_view::npos) newline = text_.size();
            std::string_view line = text_.substr(position, newline - position);
            position = newline + 1;
            ++line_number;
            while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
                line.remove_suffix(1);
            if (line.empty()) continue;
            if (seen_eof) fail(line_number, "data follows the end-of-file record");
            seen_eof = handle(parse_record(line, line_number), line_number);
        }
        if (!seen_eof) {
            throw_image_error(source_, "it has no end-of-file record (':00000001FF'); the file is probably truncated");
        }
        Image image;
        image.source = source_;
        image.format = ImageFormat::IntelHex;
        image.entry = entry_;
        image.segments = normalize_segments(std::move(pieces_), source_,
                                            [&](size_t index) { return "line " + std::to_string(lines_[index]); });
        return image;
    }

private:
    [[noreturn]] void fail(size_t line, const std::string& what) const
    {
        throw_image_error(source_, "line " + std::to_string(line) + ": " + what);
    }

    Record parse_record(std::string_view line, size_t line_number) const
    {
        if (line.front() != ':') fail(line_number, "a record must start with ':' but starts with " + printable(line.front()));
        std::string_view digits = line.substr(1);
        for (size_t i = 0; i < digits.size(); ++i) {
            if (hex_value(digits[i]) < 0)
                fail(line_number, "character " + printable(digits[i]) + " at column " + std::to_string(i + 2) +
                                      " is not a hexadecimal digit");
        }
        if (digits.size() % 2 != 0) fail(line_number, "the record has an odd number of hex digits");
        if (digits.size() < 10) fail(line_number, "the record is too short (fewer than 5 bytes)");
        std::vector<uint8_t> bytes(digits.size() / 2);
        for (size_t i = 0; i < bytes.size(); ++i)
            bytes[i] = static_cast<uint8_t>(hex_value(digits[2 * i]) * 16 + hex_value(digits[2 * i + 1]));
        const size_t length = bytes[0];
        if (bytes.size() != length + 5) {
            fail(line_number, "the byte count says " + std::to_string(length) + " data bytes but the record holds " +
                                  std::to_string(bytes.size() - 5));
        }
        uint8_t sum = 0;
        for (uint8_t byte : bytes) sum = static_cast<uint8_t>(sum + byte);
        if (sum != 0) {
            const uint8_t expected = static_cast<uint8_t>(bytes.back() - sum);
            fail(line_number, "checksum is " + hex(bytes.back(), 2) + ", the record's bytes need " + hex(expected, 2));
        }
        Record record;
        record.offset = static_cast<uint16_t>(bytes[1] << 8 | bytes[2]);
        record.type = bytes[3];
        record.data.assign(bytes.begin() + 4, bytes.end() - 1);
        return record;
    }

    void expect_length(const Record& record, size_t length, size_t line_number, const char* what) const
    {
        if (record.data.size() != length) {
            fail(line_number, std::string(what) + " record must hold " + std::to_string(length) + " bytes, not " +
                                  std::to_string(record.data.size()));
        }
    }

    static uint32_t big_endian(const std::vector<uint8_t>& data)
    {
        uint32_t value = 0;
        for (uint8_t byte : data) value = value << 8 | byte;
        return value;
    }

    void add_piece(uint32_t address, const uint8_t* begin, const uint8_t* end, size_t line_number)
    {
        pieces_.push_back(Segment{address, std::vector<uint8_t>(begin, end)});
        lines_.push_back(line_number);
    }

    // Returns true at the end-of-file record.
    bool handle(const Record& record, size_t line_number)
    {
        switch (record.type) {
        case 0x00: add_data(record, line_number); return false;
        case 0x01: expect_length(record, 0, line_number, "an end-of-file (01)"); return true;
        case 0x02:
            expect_length(record, 2, line_number, "an extended segment address (02)");
            segment_base_ = big_endian(record.data) << 4;
            linear_ = false;
            return false;
        case 0x03: {
            expect_length(record, 4, line_number, "a start segment address (03)");
            const uint32_t cs_ip = big_endian(record.data);
            entry_ = ((cs_ip >> 16) << 4) + (cs_ip & 0xFFFF);
            return false;
        }
        case 0x04:
            expect_length(record, 2, line_number, "an extended linear address (04)");
            segment_base_ = big_endian(record.data) << 16;
            linear_ = true;
            return false;
        case 0x05:
            expect_length(record, 4, line_number, "a start linear address (05)");
            entry_ = big_endian(record.data);
            return false;
        default:
            fail(line_number, "record type " + std::to_string(record.type) + " is not an Intel HEX record type (00-05)");
        }
    }

    void add_data(const Record& record, size_t line_number)
    {
        const uint8_t* begin = record.data.data();
        const uint8_t* end = begin + record.data.size();
        if (begin == end) return;
        if (linear_) {
            // (ULBA + offset + i) mod 4 GiB: no wrap inside the 64 KiB window.
            const uint64_t start = uint64_t{segment_base_} + record.offset;
            if (start + record.data.size() > (uint64_t{1} << 32))
                fail(line_number, "the data runs past the end of the 32-bit address space");
            add_piece(static_cast<uint32_t>(start), begin, end, line_number);
            return;
        }
        // Segment addressing: the offset wraps inside the 64 KiB segment.
        const size_t before_wrap = std::min<size_t>(record.data.size(), 0x10000u - record.offset);
        add_piece(segment_base_ + record.offset, begin, begin + before_wrap, line_number);
        if (before_wrap < record.data.size()) add_piece(segment_base_, begin + before_wrap, end, line_number);
    }

    std::string_view text_;
    const std::string& source_;
    uint32_t segment_base_ = 0;
    bool linear_ = true;
    std::optional<uint32_t> entry_;
    std::vector<Segment> pieces_;
    std::vector<size_t> lines_;
};

}  // namespace

Image parse_intel_hex(std::string_view text, const std::string& source)
{
    return HexReader(text, source).read();
}

}  // namespace hiltest::image
