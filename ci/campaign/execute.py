"""Runs `hiltest run` for one campaign run: optionally a pre-seeding run that leaves another
image in the flash-state file, then the generated suite, with a wall-clock limit and optionally
a SIGINT at a chosen moment. Records everything the judge needs; judges nothing."""
import json
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass


@dataclass
class Execution:
    command: list
    returncode: int = None       # None: still running at the time limit (killed)
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""
    wall_s: float = 0.0
    sigint_at_s: float = None    # when the SIGINT was sent (None: not sent)
    report_dir: str = ""
    flash_state: str = ""


def child_environment():
    env = dict(os.environ)
    # Inside GitHub Actions hiltest would annotate and write the job summary: not for these runs.
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        env.pop(name, None)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    return env


def run_hiltest(command, report_dir, flash_state, timeout_s, sigint_delay_s=None):
    """Runs `command` in its own process group. With sigint_delay_s, sends SIGINT that long after
    the first line of output (hiltest prints it once its signal handlers are installed)."""
    execution = Execution(command=command, report_dir=report_dir, flash_state=flash_state)
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               env=child_environment(), start_new_session=True)
    first_line = threading.Event()
    chunks = {"out": [], "err": []}

    def pump(stream, key, notify):
        for line in iter(stream.readline, b""):
            chunks[key].append(line)
            if notify:
                first_line.set()
        stream.close()
        first_line.set()

    readers = [threading.Thread(target=pump, args=(process.stdout, "out", True), daemon=True),
               threading.Thread(target=pump, args=(process.stderr, "err", False), daemon=True)]
    for reader in readers:
        reader.start()
    if sigint_delay_s is not None:
        if first_line.wait(timeout_s) and process.poll() is None:
            time.sleep(sigint_delay_s)
            if process.poll() is None:
                execution.sigint_at_s = time.monotonic() - start
                os.kill(process.pid, signal.SIGINT)
    try:
        process.wait(max(0.1, timeout_s - (time.monotonic() - start)))
        execution.returncode = process.returncode
    except subprocess.TimeoutExpired:
        execution.timed_out = True
        os.killpg(process.pid, signal.SIGKILL)  # our own child's group
        process.wait()
    execution.wall_s = time.monotonic() - start
    for reader in readers:
        reader.join(5)
    execution.stdout = b"".join(chunks["out"]).decode("utf-8", "replace")
    execution.stderr = b"".join(chunks["err"]).decode("utf-8", "replace")
    return execution


def preseed_suite(firmware):
    """A fault-free suite that leaves `firmware` in the flash-state file, running."""
    return {"name": "preseed", "probe": "sim", "firmware": "${firmware_dir}/" + firmware + ".elf",
            "connection": {"mode": "auto"},
            "tests": [{"name": "install another image", "steps": [{"do": "flash"}, {"do": "reset", "mode": "run"}]}]}


def hiltest_command(hiltest, suite_path, report_dir, flash_state, seed, firmware_dir):
    return [hiltest, "run", suite_path, "--report-dir", report_dir, "--flash-state", flash_state,
            "--seed", str(seed), "--var", f"firmware_dir={firmware_dir}"]


def write_json(path, document):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=2, ensure_ascii=False)
        f.write("\n")


def save_execution(execution, folder, stem):
    """Command line, stdout and stderr beside the suite, for a bad run's reproduction."""
    with open(os.path.join(folder, stem + ".cmdline"), "w") as f:
        f.write(" ".join(_quote(a) for a in execution.command) + "\n")
    with open(os.path.join(folder, stem + ".stdout"), "w") as f:
        f.write(execution.stdout)
    with open(os.path.join(folder, stem + ".stderr"), "w") as f:
        f.write(execution.stderr)


def _quote(arg):
    return arg if arg and all(c.isalnum() or c in "-_./=:@%+," for c in arg) else "'" + arg.replace("'", "'\\''") + "'"
