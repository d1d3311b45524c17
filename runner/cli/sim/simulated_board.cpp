// The simulated boards of `hiltest run` and `hiltest bench check`: what the suite's
// simulated_board setup and the bench file say about a board, as the rig's configuration.
#include <string>
#include <vector>

#include "image/image_file.hpp"
#include "probe/base/error.hpp"
#include "runner/cli/sim/sim_backend_options.hpp"

namespace hiltest::cli {
namespace {

// The --flash-state file of a simulated board (the bench's, else the run's), or empty.
std::string flash_state_path(const bench::BoardSpec& board, const std::string& run_flash_state)
{
    if (!board.is_simulated()) return {};
    return board.simulated.flash_state.empty() ? run_flash_state : board.simulated.flash_state;
}

}  // namespace

sim::PinId simulated_pin(const suite::Pin& pin)
{
    const std::string name = pin.to_string();
    const auto simulated = sim::PinId::parse(name);
    if (!simulated) throw Error(ErrorKind::Usage, "no such pin on the simulated board: " + name, "pins are PA0 … PE15");
    return *simulated;
}

void check_simulated_board(const bench::BoardSpec& board, const std::string& run_flash_state)
{
    check_flash_state_path(flash_state_path(board, run_flash_state));
}

std::shared_ptr<const SimBackendOptions> simulated_board_options(const suite::Suite& suite,
                                                                 const bench::BoardSpec& board, uint64_t run_seed,
                                                                 const std::string& run_flash_state)
{
    const suite::SimulatedBoardSetup& setup = suite.simulated_board;
    const bench::SimulatedBoardSpec& bench_sim = board.simulated;
    auto sim = std::make_shared<SimBackendOptions>();
    sim::RigConfig& rig = sim->rig;
    std::vector<std::string> faults = setup.faults;
    faults.insert(faults.end(), bench_sim.faults.begin(), bench_sim.faults.end());
    rig.faults = sim::parse_faults(faults);
    if (const auto wired = board.nrst_wired ? board.nrst_wired : setup.nrst_wired) rig.nrst_wired = *wired;
    if (const auto dpidr = bench_sim.dpidr ? bench_sim.dpidr : setup.dpidr) rig.dpidr = *dpidr;
    rig.seed = bench_sim.seed.value_or(setup.seed.value_or(run_seed));
    for (const suite::InputPinSetup& input : setup.inputs)
        rig.inputs.push_back(sim::PinInput{simulated_pin(input.pin), input.level == suite::Level::High});
    for (const suite::AnalogInputSetup& input : setup.analog)
        rig.analog.push_back(sim::AnalogInput{simulated_pin(input.pin), input.volts});
    rig.flash_state = flash_state_path(board, run_flash_state);
    if (!bench_sim.firmware.empty()) rig.firmware = image::load_image(bench_sim.firmware);
    if (!bench_sim.serial.empty()) rig.dongle.serial = bench_sim.serial;
    rig.reset_button = bench_sim.reset_button.value_or(setup.reset_button);
    for (const suite::I2cDeviceSetup& device : setup.i2c) {
        const auto kind = sim::parse_i2c_device_kind(device.device);
        if (!kind)
            throw Error(ErrorKind::Usage, "no such I2C device on the simulated board: " + device.device,
                        "devices are " + std::string(sim::i2c_device_kind_names()));
        rig.i2c_devices.push_back(sim::I2cDeviceSpec{device.bus, device.address, *kind});
    }
    return sim;
}

uint64_t simulated_board_seed(const SimBackendOptions& options)
{
    return options.rig.seed;
}

}  // namespace hiltest::cli
