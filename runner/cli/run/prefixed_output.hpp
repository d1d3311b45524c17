#pragma once
// Console output of several boards at once: each board writes to its own stream, which hands
// complete lines, prefixed with "[board] ", to the shared terminal under a lock. Lines never
// interleave mid-way, and nothing waits for a board to finish before its lines show.
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>

namespace hiltest::cli {

class PrefixedLineBuffer final : public std::streambuf {
public:
    PrefixedLineBuffer(std::ostream& target, std::mutex& lock, std::string prefix)
        : target_(target), lock_(lock), prefix_(std::move(prefix))
    {
    }
    ~PrefixedLineBuffer() override
    {
        if (!line_.empty()) emit("\n");
    }

protected:
    int_type overflow(int_type c) override
    {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        const char ch = traits_type::to_char_type(c);
        if (ch == '\n') {
            emit("\n");
        } else if (ch != '\r') {  // no in-place redraws between boards
            line_ += ch;
        }
        return c;
    }

private:
    void emit(const char* end)
    {
        std::lock_guard guard(lock_);
        target_ << prefix_ << line_ << end << std::flush;
        line_.clear();
    }

    std::ostream& target_;
    std::mutex& lock_;
    std::string prefix_;
    std::string line_;
};

class PrefixedOutput {
public:
    PrefixedOutput(std::ostream& target, std::mutex& lock, std::string prefix)
        : buffer_(target, lock, std::move(prefix)), stream_(&buffer_)
    {
    }
    std::ostream& stream() { return stream_; }

private:
    PrefixedLineBuffer buffer_;
    std::ostream stream_;
};

}  // namespace hiltest::cli
