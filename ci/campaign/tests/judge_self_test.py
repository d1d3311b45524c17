#!/usr/bin/env python3
"""Keeps the campaign's judge honest: a real, clean hiltest run must be judged clean, and every
planted bad outcome derived from it (a crash, a sanitizer report, a hang, missing or broken
reports, wrong counts, an exit code the statuses do not call for, a `failed` test under link
faults only, a fault-free run that did not pass, a flash-state that differs from the image after a
passed flash step ...) must be caught, in the right category.

Usage: judge_self_test.py SOURCE_DIR HILTEST_BINARY FIRMWARE_DIR
"""
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

SOURCE_DIR, HILTEST, FIRMWARE_DIR = (os.path.abspath(a) for a in sys.argv[1:4])
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, os.path.join(SOURCE_DIR, "ci", "campaign"))

from judge import RunRecord, judge  # noqa: E402
from report_checks import ReportTools, find_reports, recount  # noqa: E402

SUITE = {
    "name": "judge-self-test",
    "probe": "sim",
    "firmware": "${firmware_dir}/blink_systick.elf",
    "tests": [
        {"name": "flash and start", "steps": [{"do": "flash"}, {"do": "reset", "mode": "run"}, {"do": "wait", "ms": 100}]},
        {"name": "runs at 72 MHz", "depends_on": ["flash and start"],
         "steps": [{"do": "expect_memory", "symbol": "system_clock_hz", "equals": 72000000}]},
        {"name": "no fault", "depends_on": ["flash and start"], "steps": [{"do": "expect_fault", "fault": "none"}]},
    ],
}
SUMMARY_KEYS = ("tests", "passed", "failed", "errors", "skipped", "interrupted")


class Outcome:
    """A run on disk (reports and flash state) plus what the process did; `variant` copies it."""

    def __init__(self, folder, record):
        self.folder = folder
        self.record = record
        self.junit, self.json = find_reports(record.report_dir, SUITE["name"])

    def variant(self, name, **changes):
        folder = os.path.join(os.path.dirname(self.folder), name)
        shutil.copytree(self.folder, folder)
        record = copy.deepcopy(self.record)
        record.report_dir = os.path.join(folder, "reports")
        record.flash_state = os.path.join(folder, "flash-state.bin")
        for key, value in changes.items():
            setattr(record, key, value)
        return Outcome(folder, record)

    def load(self):
        with open(self.json, encoding="utf-8") as f:
            return json.load(f), ElementTree.parse(self.junit)

    def save(self, document, tree):
        with open(self.json, "w", encoding="utf-8") as f:
            json.dump(document, f)
        tree.write(self.junit, encoding="UTF-8", xml_declaration=True)

    def set_status(self, test_index, status, error_kind=None, recount_all=True):
        """Changes one test's status (and its first step's) in both reports, consistently."""
        document, tree = self.load()
        run = document["runs"][0]
        test = run["tests"][test_index]
        test["status"] = status
        step = test["steps"][0]
        step["status"] = status
        step["message"] = "planted"
        if error_kind:
            step["error_kind"] = error_kind
        if recount_all:
            counts = recount(run["tests"])
            for summary in (run["summary"], document["summary"]):
                summary.update({k: counts[k] for k in SUMMARY_KEYS})
                summary["result"] = "passed" if counts["failed"] + counts["errors"] + counts["interrupted"] == 0 else "failed"
        suite = tree.getroot().find("testsuite")
        case = suite.findall("testcase")[test_index]
        case.set("status", status)
        for child in list(case):
            if child.tag in ("failure", "error", "skipped"):
                case.remove(child)
        if status in ("failed", "error", "interrupted"):
            kind = error_kind or ("AssertionFailed" if status == "failed" else status)
            outcome = ElementTree.Element("failure" if status == "failed" else "error", {"type": kind, "message": "planted"})
            case.insert(0, outcome)
        if recount_all:
            counts = recount(run["tests"])
            for element in (tree.getroot(), suite):
                element.set("tests", str(counts["tests"]))
                element.set("failures", str(counts["failed"]))
                element.set("errors", str(counts["errors"] + counts["interrupted"]))
            suite.set("skipped", str(counts["skipped"]))
            if status == "interrupted":
                run["interrupted"] = True
                for summary in (run["summary"], document["summary"]):
                    summary["result"] = "interrupted"
        self.save(document, tree)
        return self


    def drop_last_test(self, not_run=None):
        """Removes the last test from both reports, counts recounted (and `not_run` set if given)."""
        document, tree = self.load()
        run = document["runs"][0]
        run["tests"].pop()
        counts = recount(run["tests"])
        for summary in (run["summary"], document["summary"]):
            summary.update({k: counts[k] for k in SUMMARY_KEYS})
            if not_run is not None:
                summary["not_run"] = not_run
        suite = tree.getroot().find("testsuite")
        suite.remove(suite.findall("testcase")[-1])
        for element in (tree.getroot(), suite):
            element.set("tests", str(counts["tests"]))
            element.set("errors", str(counts["errors"] + counts["interrupted"]))
        self.save(document, tree)
        return self


def clean_run(work):
    folder = os.path.join(work, "clean")
    os.makedirs(folder)
    suite_path = os.path.join(folder, "suite.json")
    with open(suite_path, "w") as f:
        json.dump(SUITE, f)
    reports = os.path.join(folder, "reports")
    flash_state = os.path.join(folder, "flash-state.bin")
    process = subprocess.run([HILTEST, "run", suite_path, "--report-dir", reports, "--flash-state", flash_state,
                              "--seed", "7", "--var", f"firmware_dir={FIRMWARE_DIR}"], capture_output=True, text=True)
    with open(os.path.join(FIRMWARE_DIR, "blink_systick.bin"), "rb") as f:
        image = f.read()
    record = RunRecord(suite=SUITE, faults=[], control=True, link_only=False, returncode=process.returncode,
                       stdout=process.stdout, stderr=process.stderr, report_dir=reports, flash_state=flash_state,
                       image=image)
    return Outcome(folder, record)


def not_run_variant(clean, name, interrupted, not_run):
    """The clean run with its last test dropped from both reports, `not_run` as given and the
    second test interrupted when `interrupted` (the shape of a run that SIGINT ended)."""
    outcome = clean.variant(name, returncode=130 if interrupted else 0, sigint_sent=interrupted)
    if interrupted:
        outcome.set_status(1, "interrupted")
    return outcome.drop_last_test(not_run)


def planted_cases(clean):
    """(name, outcome, expected category or None for "must be judged clean")."""
    cases = [("clean fault-free run", clean, None)]
    cases.append(("killed by SIGSEGV", clean.variant("segv", returncode=-11), "crash"))
    cases.append(("AddressSanitizer report", clean.variant(
        "asan", stderr="==4242==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010\n"), "crash"))
    cases.append(("UBSan runtime error", clean.variant(
        "ubsan", stderr="session.cpp:250:9: runtime error: member call on null pointer\n"), "crash"))
    cases.append(("internal error", clean.variant("internal", stderr="hiltest: internal error: map::at\n"), "crash"))
    cases.append(("hang", clean.variant("hang", timed_out=True, returncode=None), "hang"))

    missing = clean.variant("missing-json")
    os.remove(missing.json)
    cases.append(("JSON report missing", missing, "invalid-report"))
    missing = clean.variant("missing-junit")
    os.remove(missing.junit)
    cases.append(("JUnit report missing", missing, "invalid-report"))

    wrong = clean.variant("wrong-json-count")
    document, tree = wrong.load()
    document["runs"][0]["summary"]["passed"] += 1
    wrong.save(document, tree)
    cases.append(("JSON summary disagrees with its tests", wrong, "invalid-report"))

    wrong = clean.variant("wrong-top-count")
    document, tree = wrong.load()
    document["summary"]["tests"] = 7
    wrong.save(document, tree)
    cases.append(("JSON top summary disagrees with the runs", wrong, "invalid-report"))

    wrong = clean.variant("schema")
    document, tree = wrong.load()
    del document["totals"]
    wrong.save(document, tree)
    cases.append(("JSON fails report.schema.json", wrong, "invalid-report"))

    wrong = clean.variant("xsd")
    document, tree = wrong.load()
    ElementTree.SubElement(tree.getroot().find("testsuite").find("testcase"), "bogus")
    wrong.save(document, tree)
    cases.append(("JUnit fails jenkins-junit.xsd", wrong, "invalid-report"))

    wrong = clean.variant("junit-count")
    document, tree = wrong.load()
    tree.getroot().find("testsuite").set("failures", "1")
    wrong.save(document, tree)
    cases.append(("JUnit counts disagree with the JSON", wrong, "invalid-report"))

    wrong = clean.variant("lost-test").drop_last_test()
    cases.append(("a test of the suite missing from both reports", wrong, "invalid-report"))

    cases.append(("failed test under link faults only", clean.variant(
        "link-failed", faults=["usb-timeout@cmd=40"], control=False, link_only=True, returncode=1).set_status(1, "failed"),
        "misclassified"))
    cases.append(("failed test under a power fault (allowed)", clean.variant(
        "power-failed", faults=["power-loss@t=50ms"], control=False, link_only=False, returncode=1).set_status(1, "failed"),
        None))
    cases.append(("error under link faults (allowed)", clean.variant(
        "link-error", faults=["swd-noack@cmd=40,count=50"], control=False, link_only=True, returncode=3).set_status(
        1, "error", "target-not-responding"), None))
    cases.append(("exit code 3 although every test passed", clean.variant("exit-3", returncode=3), "misclassified"))
    cases.append(("exit code 0 although a test failed", clean.variant(
        "exit-0-failed", faults=["brownout@t=5ms,volts=1.2"], control=False, returncode=0).set_status(2, "failed"),
        "misclassified"))
    cases.append(("exit code 3 for a suite-invalid error (2 expected)", clean.variant(
        "exit-usage", faults=["brownout@t=5ms,volts=1.2"], control=False, returncode=3).set_status(
        1, "error", "suite-invalid"), "misclassified"))
    cases.append(("exit code 1 for a usb-timeout error and a failed test (3 expected)", clean.variant(
        "exit-precedence", faults=["power-loss@t=5ms"], control=False, returncode=1).set_status(
        1, "error", "usb-timeout").set_status(2, "failed"), "misclassified"))
    cases.append(("exit code 0 for an interrupted run", clean.variant(
        "interrupted", returncode=0, sigint_sent=True).set_status(2, "interrupted"), "misclassified"))
    cases.append(("interrupted run, exit 130 (allowed)", clean.variant(
        "interrupted-ok", returncode=130, sigint_sent=True).set_status(2, "interrupted"), None))
    cases.append(("interrupted run listing the tests it began, the rest counted in not_run (allowed)",
                  not_run_variant(clean, "not-run-ok", interrupted=True, not_run=1), None))
    cases.append(("interrupted run missing a test that not_run does not count",
                  not_run_variant(clean, "not-run-short", interrupted=True, not_run=0), "invalid-report"))
    cases.append(("not_run counted in a run that was not interrupted",
                  not_run_variant(clean, "not-run-uninterrupted", interrupted=False, not_run=1), "invalid-report"))
    cases.append(("fault-free run with a failed test", clean.variant("control-failed", returncode=1).set_status(
        1, "failed"), "misclassified"))

    corrupt = clean.variant("corrupt")
    with open(corrupt.record.flash_state, "r+b") as f:
        f.seek(24 + 0x40)
        byte = f.read(1)
        f.seek(24 + 0x40)
        f.write(bytes([byte[0] ^ 0x10]))
    cases.append(("flash-state differs from the image after a passed flash step", corrupt, "silent-corruption"))
    gone = clean.variant("no-flash-state")
    os.remove(gone.record.flash_state)
    cases.append(("flash-state file missing after a passed flash step", gone, "silent-corruption"))
    usage = clean.variant("usage", returncode=2, usage_error_allowed=True)
    os.remove(usage.json)
    os.remove(usage.junit)
    cases.append(("command-line usage error without reports (allowed)", usage, None))
    return cases


def main():
    tools = ReportTools(SOURCE_DIR)
    work = tempfile.mkdtemp(prefix="judge-self-test-")
    failures = 0
    try:
        clean = clean_run(work)
        if clean.record.returncode != 0:
            print(f"FAIL the clean run itself did not pass (exit {clean.record.returncode}):\n{clean.record.stdout}"
                  f"{clean.record.stderr}")
            return 1
        for name, outcome, expected in planted_cases(clean):
            problems = judge(outcome.record, tools)
            categories = {p.category for p in problems}
            ok = categories == ({expected} if expected else set())  # caught, and as nothing else
            failures += not ok
            verdict = "; ".join(f"{p.category}: {p.detail}" for p in problems) or "clean"
            print(f"{'ok  ' if ok else 'FAIL'} {name}: expected {expected or 'clean'}, judged {verdict[:300]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{failures} of the planted outcomes were judged wrongly" if failures else "every planted outcome was judged right")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
