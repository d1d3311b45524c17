#pragma once
// Turns bytes as they arrive (chunks split anywhere, "\r\n" or "\n" endings) into whole lines.
// A line longer than max_line_length keeps its first max_line_length bytes: a firmware that
// prints without newlines cannot grow the buffer without bound.
#include <cstddef>
#include <string>
#include <string_view>

namespace hiltest::ontarget {

class LineSplitter {
public:
    static constexpr std::size_t max_line_length = 16 * 1024;

    // Calls on_line(std::string_view) for every line the chunk completes, without its ending.
    template <typename OnLine>
    void feed(std::string_view chunk, OnLine&& on_line)
    {
        for (const char byte : chunk) {
            if (byte == '\n') {
                emit(on_line);
            } else if (pending_.size() < max_line_length) {
                pending_.push_back(byte);
            }
        }
    }

    // The output ended: a last line without its newline is a line too.
    template <typename OnLine>
    void finish(OnLine&& on_line)
    {
        if (!pending_.empty()) emit(on_line);
    }

private:
    template <typename OnLine>
    void emit(OnLine& on_line)
    {
        std::string_view line(pending_);
        // "\r\n" endings, and the "\r\r\n" some UART bridges make of a "\r\n".
        while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        on_line(line);
        pending_.clear();
    }

    std::string pending_;
};

}  // namespace hiltest::ontarget
