#include "runner/suite/output_pattern.hpp"

#include <re2/re2.h>

namespace hiltest::suite {
namespace {

constexpr std::size_t kMaxPatternLength = 1024;
constexpr int64_t kMaxProgramBytes = 8 << 20;  // RE2 refuses patterns whose automaton needs more

}  // namespace

OutputPattern::OutputPattern(const std::string& pattern)
{
    if (pattern.size() > kMaxPatternLength) {
        error_ = "longer than " + std::to_string(kMaxPatternLength) + " characters";
        return;
    }
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(kMaxProgramBytes);
    compiled_ = std::make_unique<RE2>(pattern, options);
    if (!compiled_->ok()) {
        error_ = compiled_->error();
        compiled_.reset();
    }
}

OutputPattern::~OutputPattern() = default;
OutputPattern::OutputPattern(OutputPattern&&) noexcept = default;
OutputPattern& OutputPattern::operator=(OutputPattern&&) noexcept = default;

bool OutputPattern::found_in(std::string_view text) const
{
    return compiled_ && RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *compiled_);
}

}  // namespace hiltest::suite
