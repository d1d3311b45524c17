#pragma once
// A Transport that checks every byte the driver sends against a script and answers with the
// bytes a real ST-Link/V2 would send. Used only for what the virtual ST-Link cannot produce
// (and for encoding tests written from docs/chip-facts.md, "ST-Link/V2 USB protocol").
#include <gtest/gtest.h>

#include <deque>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "probe/base/error.hpp"
#include "probe/usb/transport.hpp"

namespace hiltest::testing {

using Bytes = std::vector<uint8_t>;

// A 16-byte command block with the given leading bytes.
inline Bytes command(std::initializer_list<uint8_t> head)
{
    Bytes block(16, 0);
    std::copy(head.begin(), head.end(), block.begin());
    return block;
}

inline Bytes le32(uint32_t v)
{
    return {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v >> 16),
            static_cast<uint8_t>(v >> 24)};
}

inline Bytes concat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

class ScriptedTransport final : public probe::usb::Transport {
public:
    struct Step {
        enum class Type { Out, In, Fail } type;
        Bytes bytes;
        std::optional<ErrorKind> error;
        bool short_reply = false;
    };

    ScriptedTransport() { identity_ = {0x0483, 0x3748, "SCRIPTED", "script"}; }

    // The driver must send exactly `out`; if `reply` is given the next read returns it.
    void expect(Bytes out, std::optional<Bytes> reply = std::nullopt)
    {
        steps_.push_back({Step::Type::Out, std::move(out), {}});
        if (reply) steps_.push_back({Step::Type::In, std::move(*reply), {}});
    }
    // A reply shorter than the driver asks for (a misbehaving dongle).
    void expect_short(Bytes out, Bytes reply)
    {
        steps_.push_back({Step::Type::Out, std::move(out), {}});
        steps_.push_back({Step::Type::In, std::move(reply), {}, true});
    }
    void fail_next(ErrorKind kind) { steps_.push_back({Step::Type::Fail, {}, kind}); }

    void write(std::span<const uint8_t> data, std::chrono::milliseconds) override
    {
        const Step step = pop("write");
        if (step.type == Step::Type::Fail) throw Error(*step.error, "scripted USB failure");
        EXPECT_EQ(step.type, Step::Type::Out) << "driver wrote where the script expected a read";
        EXPECT_EQ(Bytes(data.begin(), data.end()), step.bytes) << "at step " << index_;
        if (Bytes(data.begin(), data.end()) != step.bytes) throw std::runtime_error("unexpected bytes");
    }

    std::size_t read(std::span<uint8_t> buffer, std::chrono::milliseconds) override
    {
        const Step step = pop("read");
        if (step.type == Step::Type::Fail) throw Error(*step.error, "scripted USB failure");
        EXPECT_EQ(step.type, Step::Type::In) << "driver read where the script expected a write";
        if (!step.short_reply) {
            EXPECT_EQ(buffer.size(), step.bytes.size()) << "driver asked for a different reply length";
        }
        const std::size_t n = std::min(buffer.size(), step.bytes.size());
        std::copy_n(step.bytes.begin(), n, buffer.begin());
        return n;
    }

    void reset() override { ++resets; }
    const probe::usb::ProbeIdentity& identity() const override { return identity_; }

    bool finished() const { return steps_.empty(); }
    int resets = 0;

private:
    Step pop(const char* what)
    {
        ++index_;
        if (steps_.empty()) {
            ADD_FAILURE() << "driver did an unscripted " << what;
            throw std::runtime_error("script exhausted");
        }
        Step step = steps_.front();
        steps_.pop_front();
        return step;
    }

    std::deque<Step> steps_;
    std::size_t index_ = 0;
    probe::usb::ProbeIdentity identity_;
};

}  // namespace hiltest::testing
