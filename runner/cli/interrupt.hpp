#pragma once
// Ctrl-C and SIGTERM (a CI runner cancelling the job) while a command runs: they stop the run,
// not the process, so it can still say what happened and write its reports.
//
// Installed by the first command that honours them and kept until the process exits. A run's
// verdict is final once its reports are written; a Ctrl-C that comes after that, while the
// process closes files and exits (long under the sanitizers), must not turn a written PASS into
// death by SIGINT, which a CI job reads as "cancelled" against its own reports.
#include <atomic>

namespace hiltest::cli {

// Installs the handlers (once per process; the signals are unblocked too, as a parent may start
// us with them blocked) and returns the flag they set. Signal handlers can reach only
// process-wide state, so this flag is the one piece of it: a run polls it and stops early.
const std::atomic<bool>& stop_runs_on_interrupt();

}  // namespace hiltest::cli
