// The in-process virtual bench behind `--probe sim`: a simulated Blue Pill, its SW-DP, the
// virtual ST-Link/V2 and the Transport adaptor, with a Clock whose waits advance the board.
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string_view>

#include "fixtures/bluepill/debug/sw_dp.hpp"
#include "fixtures/bluepill/soc/board.hpp"
#include "fixtures/bluepill/soc/flash_state_file.hpp"
#include "fixtures/bluepill/soc/image_loader.hpp"
#include "fixtures/bluepill/stlink/fault_plan.hpp"
#include "fixtures/bluepill/stlink/virtual_bench.hpp"
#include "probe/base/error.hpp"
#include "reports/atomic_file.hpp"
#include "reports/output_path.hpp"
#include "runner/cli/probe_backend.hpp"

namespace hiltest::cli {
namespace {

uint32_t parse_dpidr(const std::string& text)
{
    if (text.empty()) return 0x1BA01477;
    std::string_view digits = text;
    if (digits.starts_with("0x") || digits.starts_with("0X")) digits.remove_prefix(2);
    uint32_t value = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, 16);
    if (digits.empty() || ec != std::errc{} || ptr != digits.data() + digits.size()) {
        throw Error(ErrorKind::Usage, "--sim-dpidr '" + text + "' is not a hex number",
                    "e.g. --sim-dpidr 0x2BA01477 for a CS32F103 clone");
    }
    return value;
}

sim::BoardConfig board_config(const SimBackendOptions& o)
{
    sim::BoardConfig c;
    c.seed = o.seed;
    c.nrst_wired = o.nrst_wired == "yes";
    c.reset_button_release_ns = o.reset_button_ms * 1'000'000;
    if (!o.flash_state.empty()) c.flash_state_file = o.flash_state;
    if (!o.firmware.empty()) c.image = sim::load_firmware_image(o.firmware);
    return c;
}

// Supply faults on the dongle side take the board's power (below 1.9 V the chip is off).
sim::stlink::StlinkConfig stlink_config(sim::Board& board, const SimBackendOptions& o)
{
    sim::stlink::StlinkConfig c;
    if (!o.serial.empty()) c.serial = o.serial;
    c.target_supply = [&board](double volts) { board.set_supply_voltage(volts); };
    return c;
}

sim::stlink::FaultPlan fault_plan(const SimBackendOptions& o)
{
    sim::stlink::FaultPlan plan(o.seed);
    for (const auto& spec : o.faults) plan.add(spec);
    return plan;
}

class SimBackend final : public ProbeBackend {
public:
    explicit SimBackend(const SimBackendOptions& o)
        : options_(o),
          board_(board_config(o)),
          bench_(board_, stlink_config(board_, o), fault_plan(o), sim::SwDpConfig{parse_dpidr(o.dpidr), {}}),
          power_cycle_("simulated power switch", [this] {
              board_.set_power(false);
              bench_.clock().sleep_for(std::chrono::milliseconds(100));
              board_.set_power(true);
          })
    {
        for (const auto& [name, level] : o.inputs) {
            const auto pin = sim::PinId::parse(name);
            if (!pin) throw Error(ErrorKind::Usage, "no such pin on the simulated board: " + name, "pins are PA0 … PE15");
            board_.drive_pin(*pin, level);
        }
    }

    void finish() override
    {
        if (!options_.flash_state.empty())
            save_flash_state_file(options_.flash_state, sim::encode_flash_state(board_.flash_storage()));
    }

    probe::Transport& transport() override { return bench_.transport(); }
    Clock& clock() override { return bench_.clock(); }
    probe::connect::PowerCycleHook* power_cycle() override
    {
        return options_.power_switch ? &power_cycle_ : nullptr;
    }
    std::string notes() const override
    {
        const auto stats = bench_.device().stats();
        return "bench:        simulated Blue Pill (seed " + std::to_string(options_.seed) + ", NRST " +
               (options_.nrst_wired == "yes" ? "wired" : "not wired") +
               (options_.reset_button_ms ? ", RESET button held " + std::to_string(options_.reset_button_ms) + " ms" : "") +
               ", firmware " +
               (options_.firmware.empty() ? "none (erased flash)" : options_.firmware) + "); " +
               std::to_string(stats.commands) + " ST-Link commands, " + std::to_string(stats.bytes_out) +
               " bytes out, " + std::to_string(stats.bytes_in) + " bytes in";
    }

private:
    SimBackendOptions options_;
    sim::Board board_;
    sim::stlink::VirtualBench bench_;
    probe::connect::FunctionPowerCycle power_cycle_;
};

}  // namespace

void add_sim_backend_options(CLI::App& command, SimBackendOptions& options)
{
    command.add_option("--sim-firmware", options.firmware, "with --probe sim: firmware image (ELF/HEX/BIN) in flash");
    command.add_option("--sim-dpidr", options.dpidr, "with --probe sim: SWD DPIDR (0x2BA01477 = CS32F103 clone)");
    command.add_option("--sim-nrst-wired", options.nrst_wired, "with --probe sim: ST-Link NRST reaches the chip")
        ->check(CLI::IsMember({"yes", "no"}))
        ->capture_default_str();
    command.add_option("--sim-reset-button-ms", options.reset_button_ms,
                       "with --probe sim: the board's RESET button is held for N ms of simulated time from "
                       "power-on, then let go (try the hold-RESET remedy)")
        ->check(CLI::Range(uint64_t{0}, uint64_t{86'400'000}));
    command.add_option("--flash-state", options.flash_state, "with --probe sim: file that keeps the flash contents");
    command.add_option("--fault", options.faults, "with --probe sim: inject a fault, e.g. usb-timeout@cmd=12")->allow_extra_args(false);
    command.add_option("--seed", options.seed, "with --probe sim: seed of the simulated bench")->capture_default_str();
}

std::unique_ptr<ProbeBackend> make_sim_backend(const SimBackendOptions& options)
{
    return std::make_unique<SimBackend>(options);
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

void save_flash_state_file(const std::string& path, const std::vector<uint8_t>& bytes)
{
    try {
        reports::write_file_atomically(
            path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    } catch (const Error& e) {
        throw Error(e.kind(), "the flash state was not saved: " + std::string(e.what()),
                    "check that its folder exists, is writable and has free space (this run's flash is lost)");
    }
}

}  // namespace hiltest::cli
