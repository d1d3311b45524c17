#pragma once
// Runs another program — a firmware build, a power-cycle hook, a third-party tool in a test —
// with an argument vector (never through a shell), a timeout, and its output captured.
// External programs live in real time, so the timeout is wall-clock time.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace hiltest {

struct ExternalCommand {
    ExternalCommand(std::vector<std::string> arguments) : argv(std::move(arguments)) {}

    std::vector<std::string> argv;  // argv[0] is searched in PATH unless it contains a '/'
    std::chrono::milliseconds timeout{60'000};
    std::string working_directory;                              // empty: the current one
    std::vector<std::pair<std::string, std::string>> environment;  // added to (or replacing in) ours
};

struct CommandResult {
    int exit_code = -1;      // 128 + signal number when killed by a signal
    bool timed_out = false;  // killed after the timeout
    std::string output;      // stdout and stderr, interleaved as the program wrote them
};

// Throws hiltest::Error(Usage) when the program cannot be found or started.
CommandResult run_external_command(const ExternalCommand& command);

// The argument vector that runs `argv` with `environment` added to the inherited one: through
// env(1) when there is anything to add (Boost.Process 1.74's environment lookup reads past the
// end of shorter entries, as AddressSanitizer shows, so it is not used). argv[0] must be a path.
std::vector<std::string> with_environment(const std::vector<std::string>& argv,
                                          const std::vector<std::pair<std::string, std::string>>& environment);

// "a b 'c d'": for messages that show what was run.
std::string quote_command_line(const std::vector<std::string>& argv);

}  // namespace hiltest
