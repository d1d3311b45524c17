"""Checks of one run's JUnit and JSON reports that do not take hiltest's word for anything:
both files exist, the JUnit validates against reports/tests/jenkins-junit.xsd (xmllint), the
JSON against docs/report.schema.json, every count is recounted from the test entries, JUnit
and JSON agree test by test, and the report covers the suite it ran (docs/report-format.md)."""
import json
import os
import subprocess
import xml.etree.ElementTree as ElementTree

import jsonschema

SUMMARY_KEYS = {"passed": "passed", "failed": "failed", "error": "errors", "skipped": "skipped",
                "interrupted": "interrupted"}
SUITE_SETUP = "suite setup"


class ReportTools:
    def __init__(self, root):
        self.xsd = os.path.join(root, "reports", "tests", "jenkins-junit.xsd")
        with open(os.path.join(root, "docs", "report.schema.json")) as f:
            self.json_validator = jsonschema.Draft202012Validator(json.load(f))

    def junit_schema_errors(self, path):
        result = subprocess.run(["xmllint", "--noout", "--schema", self.xsd, path], capture_output=True, text=True)
        if result.returncode == 0:
            return None
        lines = [line for line in result.stderr.splitlines() if line.strip() and "fails to validate" not in line]
        return (lines[0] if lines else result.stderr.strip())[:300]


def find_reports(report_dir, suite_name):
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in suite_name) or "suite"
    return os.path.join(report_dir, stem + ".junit.xml"), os.path.join(report_dir, stem + ".json")


def recount(tests):
    counts = {key: 0 for key in SUMMARY_KEYS.values()}
    for test in tests:
        counts[SUMMARY_KEYS[test["status"]]] += 1
    counts["tests"] = len(tests)
    return counts


def expected_result(counts, interrupted):
    if interrupted:
        return "interrupted"
    return "passed" if counts["failed"] + counts["errors"] + counts["interrupted"] == 0 else "failed"


def check_summary(where, summary, counts, interrupted, problems):
    for key, value in counts.items():
        if summary.get(key) != value:
            problems.append(f"{where}: summary.{key} is {summary.get(key)}, the tests say {value}")
    if summary.get("result") != expected_result(counts, interrupted):
        problems.append(f"{where}: summary.result is {summary.get('result')!r}, "
                        f"expected {expected_result(counts, interrupted)!r}")


def junit_cases(root):
    """[(testsuite attributes, [(testcase name, status attribute, outcome element or None, its type)])],
    the <testsuites> attributes first as a pseudo-suite named None."""
    suites = [(dict(root.attrib, name=None), [])]
    for testsuite in root.iter("testsuite"):
        cases = []
        for case in testsuite.iter("testcase"):
            outcome = next((child for child in case if child.tag in ("failure", "error", "skipped")), None)
            cases.append((case.get("name"), case.get("status"), outcome.tag if outcome is not None else None,
                          outcome.get("type") if outcome is not None else None))
        suites.append((dict(testsuite.attrib), cases))
    return suites


JUNIT_OUTCOME = {"passed": None, "failed": "failure", "error": "error", "interrupted": "error", "skipped": "skipped"}


def check_junit_against_json(document, all_suites, problems):
    runs = document["runs"]
    top, suites = all_suites[0][0], all_suites[1:]
    summary = document["summary"]
    for key, value in (("tests", summary["tests"]), ("failures", summary["failed"]),
                       ("errors", summary["errors"] + summary["interrupted"])):
        if top.get(key) != str(value):
            problems.append(f"JUnit testsuites {key}={top.get(key)!r}, the JSON summary says {value}")
    if len(suites) != len(runs):
        problems.append(f"JUnit has {len(suites)} <testsuite>, the JSON {len(runs)} runs")
        return
    for index, (run, (attributes, cases)) in enumerate(zip(runs, suites)):
        counts = recount(run["tests"])
        expect = {"tests": counts["tests"], "failures": counts["failed"],
                  "errors": counts["errors"] + counts["interrupted"], "skipped": counts["skipped"]}
        for key, value in expect.items():
            if attributes.get(key) != str(value):
                problems.append(f"JUnit testsuite {index}: {key}={attributes.get(key)!r}, the JSON tests say {value}")
        if len(cases) != len(run["tests"]):
            problems.append(f"JUnit testsuite {index} has {len(cases)} testcases, the JSON {len(run['tests'])} tests")
            continue
        for test, (name, status, outcome, _type) in zip(run["tests"], cases):
            if name != test["name"] or status != test["status"] or outcome != JUNIT_OUTCOME[test["status"]]:
                problems.append(f"JUnit testcase {name!r} ({status}, <{outcome}>) disagrees with the JSON test "
                                f"{test['name']!r} ({test['status']})")


def check_coverage(suite, run, problems):
    """Every test of the suite appears once, in order, with steps that agree with its status."""
    tests = [t for t in run["tests"] if not (t["name"] == SUITE_SETUP and t["status"] == "error")]
    want = [t["name"] for t in suite["tests"]]
    have = [t["name"] for t in tests]
    not_run = run["summary"].get("not_run", 0)
    if run["interrupted"] and have == want[:len(have)] and len(have) + not_run == len(want):
        want = have  # an interrupted run lists the tests it began; the rest are only counted
    elif not_run:
        problems.append(f"summary.not_run is {not_run}, but " + (
            "the run was not interrupted" if not run["interrupted"] else
            f"the report lists {len(have)} of the suite's {len(want)} tests"))
    if have != want:
        problems.append(f"the report lists tests {have}, the suite has {want}")
        return
    status = {}
    for spec, test in zip(suite["tests"], tests):
        steps = test.get("steps", [])
        if test["status"] == "passed":
            if len(steps) != len(spec["steps"]) or any(s["status"] != "passed" for s in steps):
                problems.append(f"test {test['name']!r} is passed but not all of its {len(spec['steps'])} steps passed")
        if test["status"] == "failed" and not any(s["status"] == "failed" for s in steps):
            problems.append(f"test {test['name']!r} is failed but none of its steps failed")
        unmet = [d for d in spec.get("depends_on", []) if status.get(d) != "passed"]
        if (unmet or "skip" in spec) and test["status"] in ("passed", "failed"):
            problems.append(f"test {test['name']!r} ran ({test['status']}) although "
                            + (f"it depends on {unmet}, which did not pass" if unmet else "the suite skips it"))
        status[test["name"]] = test["status"]


def check_reports(tools, suite, report_dir):
    """(problems, json document or None, JUnit testsuites or None)."""
    problems = []
    junit_path, json_path = find_reports(report_dir, suite["name"])
    document = suites = None
    for path in (junit_path, json_path):
        if not os.path.isfile(path):
            problems.append(f"missing report {os.path.basename(path)}")
    if os.path.isfile(junit_path):
        error = tools.junit_schema_errors(junit_path)
        if error:
            problems.append(f"JUnit does not validate against jenkins-junit.xsd: {error}")
        try:
            suites = junit_cases(ElementTree.parse(junit_path).getroot())
        except ElementTree.ParseError as e:
            problems.append(f"JUnit is not XML: {e}")
    if os.path.isfile(json_path):
        try:
            with open(json_path, encoding="utf-8") as f:
                document = json.load(f)
        except (ValueError, UnicodeDecodeError) as e:
            problems.append(f"JSON report does not parse: {e}")
    if document is not None:
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in tools.json_validator.iter_errors(document)]
        if errors:
            problems.append("JSON does not validate against report.schema.json: " + "; ".join(errors[:3]))
            return problems, None, suites
        runs = document["runs"]
        total = {key: 0 for key in list(SUMMARY_KEYS.values()) + ["tests"]}
        for index, run in enumerate(runs):
            counts = recount(run["tests"])
            interrupted = run["interrupted"]
            check_summary(f"JSON runs[{index}]", run["summary"], counts, interrupted, problems)
            for key in total:
                total[key] += counts[key]
        check_summary("JSON", document["summary"], total, any(r["interrupted"] for r in runs), problems)
        if len(runs) != 1:
            problems.append(f"JSON has {len(runs)} runs, expected 1")
        else:
            check_coverage(suite, runs[0], problems)
        if suites is not None:
            check_junit_against_json(document, suites, problems)
    return problems, document, suites
