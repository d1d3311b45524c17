#include "probe/base/external_command.hpp"

#include <sys/wait.h>

#include <csignal>

#include <unistd.h>

#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "probe/base/error.hpp"

namespace hiltest {
namespace bp = boost::process;

namespace {

boost::filesystem::path find_program(const std::string& name)
{
    if (name.find('/') != std::string::npos) return name;
    return bp::search_path(name);
}

int exit_status(bp::child& child)
{
    const int native = child.native_exit_code();
    if (WIFSIGNALED(native)) return 128 + WTERMSIG(native);
    return WEXITSTATUS(native);
}

// The program leads its own process group, so a timeout kills what it started as well: a shell
// hook's children would otherwise keep the output pipe open and the caller waiting.
struct OwnProcessGroup : bp::extend::handler {
    template <class Executor>
    void on_exec_setup(Executor&)
    {
        ::setpgid(0, 0);
    }
};

}  // namespace

CommandResult run_external_command(const ExternalCommand& command)
{
    if (command.argv.empty()) throw Error(ErrorKind::Usage, "empty command");
    const boost::filesystem::path program = find_program(command.argv[0]);
    if (program.empty() || !boost::filesystem::exists(program))
        throw Error(ErrorKind::Usage, "command not found: " + command.argv[0],
                    "install it or give its full path");

    std::vector<std::string> resolved = command.argv;
    resolved[0] = program.string();
    resolved = with_environment(resolved, command.environment);
    const boost::filesystem::path executable = resolved[0];
    const std::vector<std::string> args(resolved.begin() + 1, resolved.end());
    const boost::filesystem::path directory =
        command.working_directory.empty() ? boost::filesystem::current_path() : command.working_directory;

    bp::ipstream output;
    std::error_code error;
    bp::child child(executable, bp::args(args), bp::start_dir(directory), (bp::std_out & bp::std_err) > output,
                    bp::std_in < bp::null, OwnProcessGroup{}, error);
    if (error) throw Error(ErrorKind::Usage, "cannot start " + quote_command_line(command.argv) + ": " + error.message());

    // A watchdog kills the program when its time is up; the reader collects its output until the
    // pipe closes. (boost::process::child::wait_for in Boost 1.74 can sleep out the whole timeout
    // even when the child has long exited, so it is not used.)
    CommandResult result;
    std::mutex mutex;
    std::condition_variable finished_signal;
    bool finished = false;
    std::thread watchdog([&] {
        std::unique_lock lock(mutex);
        if (!finished_signal.wait_for(lock, command.timeout, [&] { return finished; })) {
            result.timed_out = true;
            ::kill(-child.id(), SIGKILL);
        }
    });
    std::string line;
    while (std::getline(output, line)) result.output += line + "\n";
    std::error_code wait_error;
    child.wait(wait_error);
    {
        std::lock_guard lock(mutex);
        finished = true;
    }
    finished_signal.notify_all();
    watchdog.join();
    result.exit_code = result.timed_out ? 128 + SIGKILL : exit_status(child);
    return result;
}

std::vector<std::string> with_environment(const std::vector<std::string>& argv,
                                          const std::vector<std::pair<std::string, std::string>>& environment)
{
    if (environment.empty()) return argv;
    std::vector<std::string> wrapped = {bp::search_path("env").string()};
    for (const auto& [name, value] : environment) wrapped.push_back(name + "=" + value);
    wrapped.insert(wrapped.end(), argv.begin(), argv.end());
    return wrapped;
}

std::string quote_command_line(const std::vector<std::string>& argv)
{
    std::string line;
    for (const std::string& arg : argv) {
        if (!line.empty()) line += ' ';
        const bool plain = !arg.empty() && arg.find_first_of(" \t\"'\\$`") == std::string::npos;
        line += plain ? arg : "'" + arg + "'";
    }
    return line;
}

}  // namespace hiltest
