#include "reports/output_echo.hpp"

#include "reports/text_sanitise.hpp"

namespace hiltest::reports {

void OutputEcho::received(std::string_view channel, std::string_view bytes)
{
    auto found = partial_.find(channel);
    if (found == partial_.end()) found = partial_.emplace(std::string(channel), std::string()).first;
    std::string& line = found->second;
    for (char c : bytes) {
        if (c == '\n') {
            emit(channel, line);
            line.clear();
        } else if (c != '\r') {
            line += c;
            if (line.size() >= kMaxLine) {
                emit(channel, line);
                line.clear();
            }
        }
    }
    out_ << std::flush;
}

void OutputEcho::flush()
{
    for (auto& [channel, line] : partial_) {
        if (!line.empty()) emit(channel, line);
        line.clear();
    }
    out_ << std::flush;
}

void OutputEcho::emit(std::string_view channel, std::string_view line)
{
    out_ << "    " << channel << " | " << printable_line(line) << "\n";
}

}  // namespace hiltest::reports
