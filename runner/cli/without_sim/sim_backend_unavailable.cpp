// runner/cli/backend/sim_backend.hpp in a hiltest built without the simulator: probe commands
// take no --sim-… options, and --probe sim or a simulated board fails with a Usage error saying
// how to get the simulator.
#include "runner/cli/backend/sim_backend.hpp"
#include "runner/cli/options/unavailable.hpp"

namespace hiltest::cli {

struct SimBackendOptions {};

std::shared_ptr<SimBackendOptions> add_sim_backend_options(CLI::App&)
{
    return std::make_shared<SimBackendOptions>();
}

void check_simulated_board(const bench::BoardSpec& board, const std::string&)
{
    if (board.is_simulated())
        throw built_without_simulator(board.name.empty() ? "the probe 'sim' (the suite's \"probe\" or --probe)" : "the simulated board '" + board.name + "'");
}

std::shared_ptr<const SimBackendOptions> simulated_board_options(const suite::Suite&, const bench::BoardSpec& board,
                                                                 uint64_t, const std::string&)
{
    check_simulated_board(board, {});
    return nullptr;  // not reached: a board asks for these only when it is simulated
}

uint64_t simulated_board_seed(const SimBackendOptions&)
{
    return 0;
}

void check_sim_backend_outputs(const SimBackendOptions&)
{
    throw built_without_simulator("--probe sim");
}

std::unique_ptr<ProbeBackend> make_sim_backend(const SimBackendOptions&, bool)
{
    throw built_without_simulator("--probe sim");
}

}  // namespace hiltest::cli
