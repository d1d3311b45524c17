#include "runner/session/output_capture.hpp"

#include <algorithm>

namespace hiltest::session {
namespace {

int channel_rank(std::string_view channel)
{
    if (channel == "semihosting") return 0;
    if (channel.starts_with("uart")) return 1;
    if (channel.starts_with("rtt")) return 2;
    return 3;
}

}  // namespace

bool channel_order(std::string_view a, std::string_view b)
{
    const int ra = channel_rank(a), rb = channel_rank(b);
    if (ra != rb) return ra < rb;
    if (a.size() != b.size()) return a.size() < b.size();  // rtt2 before rtt10
    return a < b;
}

bool OutputCapture::carries(std::string_view channel) const
{
    return std::any_of(sources_.begin(), sources_.end(), [&](const OutputSource* s) { return s->carries(channel); });
}

Duration OutputCapture::poll_interval() const
{
    Duration interval = std::chrono::milliseconds(100);
    for (const OutputSource* source : sources_) interval = std::min(interval, source->poll_interval());
    return interval;
}

void OutputCapture::poll()
{
    const OutputReceiver receiver = [this](std::string_view channel, std::string_view bytes) { receive(channel, bytes); };
    for (OutputSource* source : sources_) source->poll(receiver);
}

void OutputCapture::target_restarted()
{
    poll();
    for (auto& [name, channel] : channels_) {
        channel.run_text.clear();
        channel.run_bytes = 0;
    }
    for (OutputSource* source : sources_) source->target_restarted();
}

std::string_view OutputCapture::run_text(std::string_view channel) const
{
    const auto found = channels_.find(channel);
    return found == channels_.end() ? std::string_view() : std::string_view(found->second.run_text);
}

std::uint64_t OutputCapture::run_bytes(std::string_view channel) const
{
    const auto found = channels_.find(channel);
    return found == channels_.end() ? 0 : found->second.run_bytes;
}

void OutputCapture::begin_test()
{
    test_start_ = clock_.now();
    for (auto& [name, channel] : channels_) channel.test = reports::ChannelOutput{};
}

std::vector<reports::ChannelOutput> OutputCapture::test_outputs() const
{
    std::vector<reports::ChannelOutput> outputs;
    for (const auto& [name, channel] : channels_) {
        if (channel.test.text.empty() && channel.test.dropped_bytes == 0) continue;
        outputs.push_back(channel.test);
        outputs.back().channel = name;
    }
    std::sort(outputs.begin(), outputs.end(),
              [](const reports::ChannelOutput& a, const reports::ChannelOutput& b) { return channel_order(a.channel, b.channel); });
    return outputs;
}

OutputCapture::ListenerId OutputCapture::listen(OutputReceiver receiver)
{
    listeners_.emplace(next_listener_, std::move(receiver));
    return next_listener_++;
}

void OutputCapture::unlisten(ListenerId id)
{
    listeners_.erase(id);
}

void OutputCapture::append_capped(std::string& text, std::string_view bytes) const
{
    text.append(bytes.substr(0, cap_ - std::min(cap_, text.size())));
}

void OutputCapture::receive(std::string_view name, std::string_view bytes)
{
    if (bytes.empty()) return;
    auto found = channels_.find(name);
    if (found == channels_.end()) found = channels_.emplace(std::string(name), Channel{}).first;
    Channel& channel = found->second;
    append_capped(channel.run_text, bytes);
    channel.run_bytes += bytes.size();

    reports::ChannelOutput& test = channel.test;
    const std::size_t kept_before = test.text.size();
    append_capped(test.text, bytes);
    const std::size_t kept = test.text.size() - kept_before;
    test.dropped_bytes += bytes.size() - kept;
    if (kept > 0)
        test.marks.push_back({kept_before, std::chrono::duration_cast<reports::Duration>(clock_.now() - test_start_)});

    // A copy: a listener may unlisten itself (a run_tests step that saw its run finish).
    const auto listeners = listeners_;
    for (const auto& [id, listener] : listeners) listener(name, bytes);
}

}  // namespace hiltest::session
