#pragma once
// `hiltest run --verbose`: the target's output shown live, one console line per line the
// firmware printed, named by its channel ("    uart1 | boot"), made printable. A channel's last
// line without its newline is held until the newline comes or the echo is flushed; a line longer
// than kMaxLine is shown in pieces so a firmware that never prints a newline still shows.
#include <map>
#include <ostream>
#include <string>
#include <string_view>

namespace hiltest::reports {

class OutputEcho {
public:
    static constexpr std::size_t kMaxLine = 512;

    explicit OutputEcho(std::ostream& out) : out_(out) {}
    OutputEcho(const OutputEcho&) = delete;
    OutputEcho& operator=(const OutputEcho&) = delete;
    ~OutputEcho() { flush(); }

    void received(std::string_view channel, std::string_view bytes);
    void flush();  // every held partial line

private:
    void emit(std::string_view channel, std::string_view line);

    std::ostream& out_;
    std::map<std::string, std::string, std::less<>> partial_;
};

}  // namespace hiltest::reports
