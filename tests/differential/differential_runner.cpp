#include "tests/differential/differential_runner.hpp"

#include <cstdio>
#include <cstring>
#include <memory>

#include "tests/differential/core_under_test.hpp"
#include "tests/differential/machine_state.hpp"
#include "tests/differential/known_differences.hpp"
#include "tests/differential/stream_generator.hpp"
#include "tests/differential/unicorn_oracle.hpp"

namespace hiltest::testing::differential {
namespace {

// Unicorn runs an IT instruction and its whole block as one step; the core single-steps, so it
// may need up to five instructions to reach the same PC.
constexpr unsigned max_core_steps_per_sync = 5;

bool matches_known_core_bug(const GeneratedInstruction& instruction)
{
    return find_known(known_core_bugs(), instruction) != nullptr;
}

std::string instruction_line(const GeneratedInstruction& instruction)
{
    char text[64];
    std::snprintf(text, sizeof text, "    %08x: %-10s ", instruction.address, encoding_hex(instruction).c_str());
    return text + instruction.text + "\n";
}

class Session {
public:
    Session() : core_(layout_), oracle_(std::make_unique<UnicornOracle>(layout_)) {}

    // Returns false if the stream ended in a mismatch.
    bool run_stream(const Stream& stream, RunResult& result, unsigned max_reports);

private:
    std::string report(const Stream& stream, uint64_t step, const std::vector<const GeneratedInstruction*>& executed,
                       const MachineState& before, const MachineState& core_after, const MachineState& oracle_after,
                       const std::string& oracle_error);

    MemoryLayout layout_;
    CoreUnderTest core_;
    std::unique_ptr<UnicornOracle> oracle_;
    unsigned streams_on_this_engine_ = 0;
    std::vector<uint8_t> flash_ = std::vector<uint8_t>(layout_.flash_size);
};

bool Session::run_stream(const Stream& stream, RunResult& result, unsigned max_reports)
{
    if (++streams_on_this_engine_ > UnicornOracle::streams_per_engine) {
        oracle_.reset();  // one engine at a time
        oracle_ = std::make_unique<UnicornOracle>(layout_);
        streams_on_this_engine_ = 1;
    }
    write_flash_image(flash_, stream, layout_);
    core_.load(flash_, stream);
    oracle_->load(flash_, stream);
    ++result.streams;

    const uint64_t sync_limit = 4 * stream.instructions.size() + 16;
    uint64_t step = 0;
    bool failed = false;
    MachineState before = core_.state();
    std::vector<const GeneratedInstruction*> executed;

    const auto fail = [&](std::string text) {
        failed = true;
        ++result.mismatches;
        if (result.reports.size() < max_reports) result.reports.push_back(std::move(text));
    };
    // Unicorn is about to execute `address`: bring the core to the same point and compare.
    const auto synchronise = [&](uint32_t address, const std::string& oracle_error) -> bool {
        if (failed) return false;  // uc_emu_stop takes effect at the end of the translation block
        executed.clear();
        MachineState core_now = core_.state();
        for (unsigned n = 0; n < max_core_steps_per_sync && core_now.registers[15] != address; ++n) {
            const GeneratedInstruction* instruction = stream.instruction_at(core_now.registers[15]);
            executed.push_back(instruction);
            if (instruction) ++result.coverage[static_cast<std::size_t>(instruction->encoding_class)];
            core_.step();
            ++result.instructions;
            core_now = core_.state();
            if (core_.run_state() != RunState::Running) break;
        }
        ++result.steps;
        const MachineState oracle_now = oracle_->state();
        const uint32_t mask = ~UnicornOracle::xpsr_it_bits;
        const bool same = oracle_error.empty() && core_now.registers == oracle_now.registers &&
                          (core_now.xpsr & mask) == (oracle_now.xpsr & mask) && core_now.masks == oracle_now.masks &&
                          core_.ram() == oracle_->ram();
        if (!same) {
            const KnownDifference* erratum = nullptr;
            const KnownDifference* core_bug = nullptr;
            for (const auto* instruction : executed) {
                if (!instruction) continue;
                if (!erratum) erratum = find_known(oracle_errata(), *instruction, &before);
                if (!core_bug) core_bug = find_known(known_core_bugs(), *instruction, &before);
            }
            if (erratum && oracle_error.empty()) {
                ++result.oracle_skips[std::string(erratum->name)];
                oracle_->set_state(core_now);
                oracle_->ram() = core_.ram();
            } else if (core_bug) {
                // Written down already: stop this stream (the core may be in a fault handler now).
                ++result.core_bug_hits[std::string(core_bug->name)];
                failed = true;
                return false;
            } else {
                if (!executed.empty() && executed.back())
                    ++result.mismatch_classes[static_cast<std::size_t>(executed.back()->encoding_class)];
                fail(report(stream, step, executed, before, core_now, oracle_now, oracle_error));
                return false;
            }
        }
        before = core_now;
        if (++step > sync_limit) {
            char text[160];
            std::snprintf(text, sizeof text, "stream seed 0x%016llx: did not reach its end 0x%08x within %llu steps\n",
                          static_cast<unsigned long long>(stream.seed), stream.end,
                          static_cast<unsigned long long>(sync_limit));
            fail(text);
            return false;
        }
        return true;
    };

    const std::string oracle_error = oracle_->run(stream.end, [&](uint32_t address) { return synchronise(address, {}); });
    if (failed) return false;
    const uint32_t oracle_pc = oracle_->state().registers[15];
    synchronise(oracle_error.empty() ? stream.end : oracle_pc, oracle_error);
    return !failed;
}

std::string Session::report(const Stream& stream, uint64_t step, const std::vector<const GeneratedInstruction*>& executed,
                            const MachineState& before, const MachineState& core_after,
                            const MachineState& oracle_after, const std::string& oracle_error)
{
    char line[200];
    std::snprintf(line, sizeof line,
                  "MISMATCH in stream seed 0x%016llx at step %llu\n"
                  "  reproduce: cortex_m3_differential_long --stream-seed 0x%016llx\n",
                  static_cast<unsigned long long>(stream.seed), static_cast<unsigned long long>(step),
                  static_cast<unsigned long long>(stream.seed));
    std::string text = line;
    text += "  executed by the core in this step:\n";
    for (const auto* instruction : executed) {
        if (instruction) text += instruction_line(*instruction);
        else text += "    (no generated instruction at this address: data or outside the stream)\n";
    }
    if (!oracle_error.empty()) text += "  Unicorn stopped with: " + oracle_error + "\n";
    text += describe_state("before ", before, before);
    text += describe_state("core   ", core_after, oracle_after);
    text += describe_state("unicorn", oracle_after, core_after);
    const auto& core_ram = core_.ram();
    const auto& oracle_ram = oracle_->ram();
    unsigned shown = 0;
    for (std::size_t i = 0; i < core_ram.size() && shown < 8; ++i) {
        if (core_ram[i] == oracle_ram[i]) continue;
        std::snprintf(line, sizeof line, "  memory 0x%08x: core %02x unicorn %02x\n",
                      static_cast<unsigned>(layout_.ram_base + i), core_ram[i], oracle_ram[i]);
        text += line;
        ++shown;
    }
    // Context: the generated instructions leading up to this step.
    if (!executed.empty() && executed.front()) {
        const auto* first = executed.front();
        const std::size_t index = static_cast<std::size_t>(first - stream.instructions.data());
        text += "  preceding instructions in the stream:\n";
        for (std::size_t i = index >= 6 ? index - 6 : 0; i < index; ++i) text += instruction_line(stream.instructions[i]);
    }
    return text;
}

}  // namespace

uint64_t stream_seed(uint64_t seed, uint64_t index)
{
    // splitmix64 of (seed, index): independent streams, each reproducible on its own.
    uint64_t z = seed * 0x9E3779B97F4A7C15ull + index + 1;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

RunResult run_differential(const RunOptions& options)
{
    RunResult result;
    auto session = std::make_unique<Session>();
    uint64_t next_progress = 100'000;
    for (uint64_t index = 0; result.instructions < options.min_instructions; ++index) {
        const Stream stream = generate_stream(stream_seed(options.seed, index), options.instructions_per_stream, {},
                                              options.avoid_known_core_bugs ? &matches_known_core_bug : nullptr);
        session->run_stream(stream, result, options.max_reports);
        if (options.progress && result.instructions >= next_progress) {
            *options.progress << "  " << result.instructions << " instructions, " << result.streams << " streams, "
                              << result.mismatches << " mismatches\n";
            next_progress += 100'000;
        }
    }
    return result;
}

RunResult run_single_stream(uint64_t seed_of_stream, unsigned instructions_per_stream, bool avoid_known_core_bugs)
{
    RunResult result;
    Session session;
    session.run_stream(generate_stream(seed_of_stream, instructions_per_stream, {},
                                       avoid_known_core_bugs ? &matches_known_core_bug : nullptr),
                       result, 1);
    return result;
}

RunResult run_stream(const Stream& stream)
{
    RunResult result;
    Session session;
    session.run_stream(stream, result, 1);
    return result;
}

std::string coverage_table(const RunResult& result)
{
    std::string text = "encoding class                                  executed  mismatches\n";
    char line[120];
    for (std::size_t i = 0; i < encoding_class_count; ++i) {
        std::snprintf(line, sizeof line, "  %-44s %10llu  %10llu\n",
                      std::string(encoding_class_name(static_cast<EncodingClass>(i))).c_str(),
                      static_cast<unsigned long long>(result.coverage[i]),
                      static_cast<unsigned long long>(result.mismatch_classes[i]));
        text += line;
    }
    std::snprintf(line, sizeof line, "total: %llu instructions in %llu streams, %llu compared steps, %llu mismatches\n",
                  static_cast<unsigned long long>(result.instructions), static_cast<unsigned long long>(result.streams),
                  static_cast<unsigned long long>(result.steps), static_cast<unsigned long long>(result.mismatches));
    text += line;
    for (const auto& [name, count] : result.core_bug_hits) {
        std::snprintf(line, sizeof line, "KNOWN CORE BUG '%s' stopped %llu streams\n",
                      name.c_str(), static_cast<unsigned long long>(count));
        text += line;
    }
    for (const auto& [name, count] : result.oracle_skips) {
        std::snprintf(line, sizeof line, "skipped (known Unicorn error '%s'): %llu steps\n", name.c_str(),
                      static_cast<unsigned long long>(count));
        text += line;
    }
    return text;
}

}  // namespace hiltest::testing::differential
