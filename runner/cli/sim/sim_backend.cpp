// The in-process simulated rig behind `--probe sim` (fixtures/bluepill/rig): a simulated Blue
// Pill behind the virtual ST-Link/V2, with a Clock whose waits advance the board.
#include <charconv>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string_view>

#include "fixtures/bluepill/rig/rig.hpp"
#include "fixtures/bluepill/soc/flash_state_file.hpp"
#include "image/image_file.hpp"
#include "probe/base/error.hpp"
#include "reports/output_path.hpp"
#include "runner/cli/sim/sim_backend_options.hpp"

namespace hiltest::cli {
namespace {

// The simulated board's outside world, as the stimulus steps drive it: at the board's present
// simulated time, between two probe commands.
class SimulatedStimulus final : public session::BoardStimulus {
public:
    explicit SimulatedStimulus(sim::Board& board) : board_(board) {}

    bool provides(std::string_view) const override { return true; }

    void set_pin(const suite::Pin& pin, std::optional<suite::Level> level) override
    {
        std::optional<bool> high;
        if (level) high = *level == suite::Level::High;
        board_.drive_pin(simulated_pin(pin), high);
    }
    void uart_send(unsigned port, std::string_view bytes) override { board_.uart_feed(port, bytes); }
    void set_analog(const suite::Pin& pin, double volts) override { board_.set_analog(simulated_pin(pin), volts); }

private:
    sim::Board& board_;
};

// The simulated board's pin trace as expect_blink's logic analyser. The session's clock on the
// simulated rig is the board's time, so times carry over as they are.
class SimulatedPins final : public session::PinObserver {
public:
    explicit SimulatedPins(const sim::Board& board) : board_(board) {}

    bool level_at(const suite::Pin& pin, TimePoint time) const override
    {
        return board_.pin_trace().level_at(simulated_pin(pin), static_cast<uint64_t>(time.count()));
    }
    std::vector<session::PinLevelChange> changes(const suite::Pin& pin, TimePoint from, TimePoint to) const override
    {
        std::vector<session::PinLevelChange> changes;
        for (const sim::PinChange& change : board_.pin_trace().changes_of(simulated_pin(pin))) {
            const TimePoint time(static_cast<int64_t>(change.time_ns));
            if (time > from && time <= to) changes.push_back({time, change.level});
        }
        return changes;
    }

private:
    const sim::Board& board_;
};

// The simulated board's USARTs as output channels "uart1".."uart3": what each transmitted,
// taken from the model so that the session's capture (with its cap) holds the only copy.
class SimulatedUarts final : public session::OutputSource {
public:
    explicit SimulatedUarts(sim::Board& board) : board_(board) {}

    void poll(const session::OutputReceiver& received) override
    {
        for (unsigned port = 1; port <= 3; ++port) {
            sim::Usart& usart = board_.chip().usart(port);
            if (usart.transmitted().empty()) continue;
            received("uart" + std::to_string(port), usart.transmitted());
            usart.clear_transmitted();
        }
    }
    bool carries(std::string_view channel) const override
    {
        return channel == "uart1" || channel == "uart2" || channel == "uart3";
    }

private:
    sim::Board& board_;
};

class SimBackend final : public ProbeBackend {
public:
    SimBackend(const SimBackendOptions& o, bool power_switch)
        : rig_(o.rig),
          power_switch_(power_switch),
          power_cycle_("simulated power switch", [this] {
              rig_.board().set_power(false);
              rig_.clock().sleep_for(std::chrono::milliseconds(100));
              rig_.board().set_power(true);
          }),
          stimulus_(rig_.board()),
          pins_(rig_.board()),
          uarts_(rig_.board())
    {
    }

    void finish() override
    {
        const std::filesystem::path& state = rig_.config().flash_state;
        if (!state.empty()) sim::save_flash_state(state.string(), rig_.board().flash_storage());
    }

    probe::usb::Transport& transport() override { return rig_.transport(); }
    Clock& clock() override { return rig_.clock(); }
    probe::connect::PowerCycleHook* power_cycle() override { return power_switch_ ? &power_cycle_ : nullptr; }
    session::BoardStimulus* stimulus() override { return &stimulus_; }
    const session::PinObserver* pins() const override { return &pins_; }
    std::vector<session::OutputSource*> outputs() override { return {&uarts_}; }
    std::vector<std::string> warnings() const override { return rig_.board().fidelity().warnings(); }
    std::string notes() const override
    {
        const sim::RigConfig& config = rig_.config();
        const auto stats = rig_.stlink().stats();
        const auto button_ms = config.reset_button.count();
        return "bench:        simulated Blue Pill (seed " + std::to_string(config.seed) + ", NRST " +
               (config.nrst_wired ? "wired" : "not wired") +
               (button_ms ? ", RESET button held " + std::to_string(button_ms) + " ms" : "") + ", firmware " +
               (config.firmware ? config.firmware->source : "none (erased flash)") + "); " +
               std::to_string(stats.commands) + " ST-Link commands, " + std::to_string(stats.bytes_out) +
               " bytes out, " + std::to_string(stats.bytes_in) + " bytes in";
    }

private:
    sim::Rig rig_;
    bool power_switch_;
    probe::connect::FunctionPowerCycle power_cycle_;
    SimulatedStimulus stimulus_;
    SimulatedPins pins_;
    SimulatedUarts uarts_;
};

}  // namespace

uint32_t parse_dpidr(const std::string& text, const std::string& option)
{
    std::string_view digits = text;
    if (digits.starts_with("0x") || digits.starts_with("0X")) digits.remove_prefix(2);
    uint32_t value = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, 16);
    if (digits.empty() || ec != std::errc{} || ptr != digits.data() + digits.size()) {
        throw Error(ErrorKind::Usage, option + " '" + text + "' is not a hex number",
                    "e.g. " + option + " 0x2BA01477 for a CS32F103 clone");
    }
    return value;
}

std::shared_ptr<SimBackendOptions> add_sim_backend_options(CLI::App& command)
{
    auto options = std::make_shared<SimBackendOptions>();
    sim::RigConfig& rig = options->rig;
    command.add_option_function<std::string>(
        "--sim-firmware", [&rig](const std::string& path) { rig.firmware = image::load_image(path); },
        "with --probe sim: firmware image (ELF/HEX/BIN) in flash");
    command.add_option_function<std::string>(
        "--sim-dpidr", [&rig](const std::string& text) { rig.dpidr = parse_dpidr(text, "--sim-dpidr"); },
        "with --probe sim: SWD DPIDR (0x2BA01477 = CS32F103 clone)");
    command.add_option_function<std::string>(
        "--sim-nrst-wired", [&rig](const std::string& answer) { rig.nrst_wired = answer == "yes"; },
        "with --probe sim: ST-Link NRST reaches the chip")
        ->check(CLI::IsMember({"yes", "no"}))
        ->default_str(rig.nrst_wired ? "yes" : "no");
    command.add_option_function<uint64_t>(
        "--sim-reset-button-ms", [&rig](uint64_t ms) { rig.reset_button = std::chrono::milliseconds(ms); },
        "with --probe sim: the board's RESET button is held for N ms of simulated time from "
        "power-on, then let go (try the hold-RESET remedy)")
        ->check(CLI::Range(uint64_t{0}, uint64_t{86'400'000}));
    command.add_option_function<std::string>(
        "--flash-state", [&rig](const std::string& path) { rig.flash_state = path; },
        "with --probe sim: file that keeps the flash contents");
    command.add_option_function<std::vector<std::string>>(
        "--fault", [&rig](const std::vector<std::string>& specs) { rig.faults = sim::parse_faults(specs); },
        "with --probe sim: inject a fault, e.g. usb-timeout@cmd=12")
        ->allow_extra_args(false);
    command.add_option("--seed", rig.seed, "with --probe sim: seed of the simulated bench")->capture_default_str();
    return options;
}

void check_sim_backend_outputs(const SimBackendOptions& options)
{
    check_flash_state_path(options.rig.flash_state.string());
}

std::unique_ptr<ProbeBackend> make_sim_backend(const SimBackendOptions& options, bool power_switch)
{
    return std::make_unique<SimBackend>(options, power_switch);
}

void check_flash_state_path(const std::string& path)
{
    if (path.empty()) return;
    const reports::OutputTarget target = reports::resolve_output(path);
    if (target.kind == reports::OutputKind::InPlace)
        throw Error(ErrorKind::Usage, "--flash-state '" + path + "' is not a regular file",
                    "name a file: the simulated board keeps its flash there between runs");
    reports::check_output_file(path, "--flash-state");
    // Loading validates it: a file that is no flash state file is said so now, not mid-run.
    if (std::filesystem::exists(target.path)) (void)sim::load_flash_state(target.path.string());
}

}  // namespace hiltest::cli
