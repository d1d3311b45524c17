"""The verdict on one hiltest run, independent of what hiltest claims about itself.

  crash              killed by a signal, a sanitizer report, or "internal error"
  hang               did not finish within the time limit
  invalid-report     report missing, failing its schema, counts that do not add up (report_checks.py)
  misclassified      exit code other than the statuses call for (runner/cli/exit_code.cpp on main:
                     interrupted 130; else the most urgent of: a test in error 3, or 2 for usage,
                     suite-invalid, image-format; a failed test 1; else 0), a `failed` test in a run
                     whose faults are all link faults, or anything but a pass in a fault-free run
  silent-corruption  a passed flash step, but the flash-state file does not hold the image
"""
import re
import signal
from dataclasses import dataclass, field

from flash_state import FlashStateError, compare_image
from report_checks import check_reports

CATEGORIES = ["crash", "hang", "invalid-report", "misclassified", "silent-corruption"]
SANITIZER = re.compile(r"AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer|ThreadSanitizer|runtime error:")
USAGE_KINDS = {"usage", "suite-invalid", "image-format"}
URGENCY = {130: 4, 3: 3, 2: 2, 1: 1, 0: 0}


@dataclass
class Problem:
    category: str
    detail: str


@dataclass
class RunRecord:
    """Everything about one run the judge looks at."""
    suite: dict
    faults: list
    control: bool                 # no faults at all: every test must pass
    link_only: bool               # every fault is a link fault: no test may fail an assertion
    returncode: int = None
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""
    report_dir: str = ""
    flash_state: str = ""
    image: bytes = b""            # the fixture's .bin, as flash must hold it from 0x08000000
    sigint_sent: bool = False
    usage_error_allowed: bool = False  # the command line itself was wrong (no reports then)
    extra: dict = field(default_factory=dict)


def signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def test_error_kind(test, junit_case):
    """The error kind of a test in error: its first step in error, else the JUnit <error type>
    (which carries the test's own kind, e.g. for tests not run after a failed connect)."""
    for step in test.get("steps", []):
        if step["status"] in ("failed", "error", "interrupted"):
            if step.get("error_kind"):
                return step["error_kind"]
            break
    if junit_case is not None and junit_case[3]:
        return junit_case[3]
    return None


def expected_exit_code(run, junit_cases):
    """(code, reason) the statuses call for."""
    if run["interrupted"] or any(t["status"] == "interrupted" for t in run["tests"]):
        return 130, "the run was interrupted"
    code, reason = 0, "every test passed or was skipped"
    cases = junit_cases if junit_cases is not None and len(junit_cases) == len(run["tests"]) else [None] * len(run["tests"])
    for test, case in zip(run["tests"], cases):
        if test["status"] == "failed":
            candidate, why = 1, f"test {test['name']!r} failed"
        elif test["status"] == "error":
            kind = test_error_kind(test, case)
            candidate = 2 if kind in USAGE_KINDS else 3
            why = f"test {test['name']!r} is in error ({kind or 'no kind given'})"
        else:
            continue
        if URGENCY[candidate] > URGENCY[code]:
            code, reason = candidate, why
    return code, reason


def judge_process(record, problems):
    """Crash and hang; True if reports can be expected."""
    if record.timed_out:
        problems.append(Problem("hang", "did not finish within the time limit (killed)"))
        return False
    text = record.stdout + record.stderr
    sanitizer = SANITIZER.search(record.stderr)
    if sanitizer:
        line = next((l for l in record.stderr.splitlines() if SANITIZER.search(l)), sanitizer.group(0))
        problems.append(Problem("crash", f"sanitizer: {line.strip()[:200]}"))
    if "internal error" in text:
        line = next(l for l in text.splitlines() if "internal error" in l)
        problems.append(Problem("crash", f"printed {line.strip()[:200]!r}"))
    if record.returncode is not None and record.returncode < 0:
        problems.append(Problem("crash", f"killed by {signal_name(-record.returncode)}"))
        return False
    return True


def judge_flash(record, run, problems):
    flashed = [(test["name"], step) for test in run["tests"] for step in test.get("steps", [])
               if step["kind"] == "flash" and step["status"] == "passed"]
    if not flashed:
        return
    try:
        difference = compare_image(record.flash_state, record.image)
    except FileNotFoundError:
        difference = "the flash-state file was not written"
    except FlashStateError as e:
        difference = str(e)
    if difference:
        test_name, _ = flashed[-1]
        specs = [s for t in record.suite["tests"] if t["name"] == test_name for s in t["steps"] if s["do"] == "flash"]
        verify = " (with \"verify\": false)" if any(s.get("verify") is False for s in specs) else ""
        problems.append(Problem("silent-corruption", f"flash step of {test_name!r} passed{verify}, but {difference}"))


def judge_verdict(record, run, junit_suites, problems):
    cases = junit_suites[1][1] if junit_suites and len(junit_suites) == 2 else None
    want, why = expected_exit_code(run, cases)
    if record.returncode != want:
        problems.append(Problem("misclassified", f"exit code {record.returncode}, but {why}: expected {want}"))
    interrupted = run["interrupted"] or want == 130
    margin = record.extra.get("sigint_margin_s")
    if record.sigint_sent and not interrupted and margin is not None and margin > 2.0:
        problems.append(Problem("misclassified", f"SIGINT was sent {margin:.1f} s before hiltest ended, "
                                f"but the report is not interrupted (exit code {record.returncode})"))
    if record.link_only:
        for test in run["tests"]:
            if test["status"] == "failed":
                step = next((s for s in test["steps"] if s["status"] == "failed"), {})
                problems.append(Problem("misclassified", f"test {test['name']!r} failed under link faults only "
                                        f"{record.faults}: {step.get('description', '?')}: {step.get('message', '')[:200]}"))
    if record.control and not interrupted:
        bad = [f"{t['name']!r} {t['status']}" for t in run["tests"] if t["status"] not in ("passed", "skipped")]
        skipped = [t["name"] for t, spec in zip(run["tests"], record.suite["tests"])
                   if t["status"] == "skipped" and "skip" not in spec]
        if bad or skipped or record.returncode != 0:
            detail = ", ".join(bad + [f"{name!r} skipped" for name in skipped]) or f"exit code {record.returncode}"
            first = next((s for t in run["tests"] for s in t["steps"] if s["status"] in ("failed", "error")), None)
            if first:
                detail += f" (first: {first['description']}: {first.get('message', '')[:200]})"
            problems.append(Problem("misclassified", f"fault-free run did not pass: {detail}"))


def judge(record, tools):
    """The problems of one run (empty: a good run)."""
    problems = []
    if not judge_process(record, problems):
        return problems
    report_problems, document, junit_suites = check_reports(tools, record.suite, record.report_dir)
    missing_only = all(p.startswith("missing report") for p in report_problems)
    if record.usage_error_allowed and record.returncode == 2 and document is None and missing_only:
        return problems
    problems += [Problem("invalid-report", p) for p in report_problems]
    if document is None or len(document.get("runs", [])) != 1:
        return problems
    run = document["runs"][0]
    record.extra["interrupted"] = run["interrupted"]
    judge_verdict(record, run, junit_suites, problems)
    judge_flash(record, run, problems)
    return problems
