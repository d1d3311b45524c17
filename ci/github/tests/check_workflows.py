#!/usr/bin/env python3
"""Checks the GitHub Actions templates in ci/github/*.yml.

Usage:
  check_workflows.py SOURCE_DIR HILTEST_BINARY              check every ci/github/*.yml
  check_workflows.py --self-test SOURCE_DIR HILTEST_BINARY  check that the checker catches the
                                                            mistakes in tests/broken-workflow.yml

What a workflow must satisfy (each check prints what it looked at):
  * it parses as YAML and has name, on, jobs; every job has runs-on, steps, timeout-minutes;
  * contents: read permissions (workflow or job level), nothing more than read for contents;
  * every self-hosted job: concurrency with cancel-in-progress false, an `if` that evaluates to
    false for a pull request from a fork (the expression is evaluated, not pattern-matched), no
    pull_request_target trigger, no `secrets.` anywhere in the job;
  * every job that runs `hiltest run` uploads its report folder with actions/upload-artifact
    under `if: always()`;
  * `uses:` only from an allowlist;
  * every command in `run:` exists: ci/ scripts exist and are executable, other programs are
    shell builtins or on PATH, `build/hiltest SUB… --opt…` is checked against
    `HILTEST SUB… --help` (exit 0, every --opt listed), repository files named as arguments exist.
Exit status: 0 if everything holds, 1 otherwise.
"""
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys

try:
    import yaml
except ImportError:
    sys.exit("check_workflows: PyYAML is missing; install the Debian package python3-yaml (ci/setup does)")

from github_expressions import Evaluator, ExpressionError, github_context, truthy

ALLOWED_ACTIONS = {"actions/checkout@v4", "actions/upload-artifact@v4", "actions/download-artifact@v4"}
SHELL_BUILTINS = {"test", "[", "echo", "printf", "exit", "cd", "export", "set", "true", "false", "read",
                  "shift", "source", ".", "local", "unset", "trap", "wait", "exec", "eval", ":"}
SHELL_WORDS = {"{", "}", "!", "then", "do", "else", "fi", "done", "if", "while", "for", "elif"}
HOSTED_LABEL = re.compile(r"^(ubuntu|windows|macos)-", re.IGNORECASE)
INPUT_DIRS = {"testsuites", "benches", "fixtures", "ci"}  # repository folders named by arguments
HILTEST = "build/hiltest"
DEFAULT_REPORT_DIR = "hiltest-reports"


class Findings:
    """Collects what was checked ("ok") and what is wrong ("FAIL"), and prints both."""

    def __init__(self, quiet=False):
        self.failures = []
        self.quiet = quiet

    def ok(self, where, what):
        if not self.quiet:
            print(f"ok   {where}: {what}")

    def fail(self, where, what):
        self.failures.append(f"{where}: {what}")
        if not self.quiet:
            print(f"FAIL {where}: {what}")

    def check(self, condition, where, what_ok, what_wrong):
        if condition:
            self.ok(where, what_ok)
        else:
            self.fail(where, what_wrong)
        return condition


# --- run: scripts ---------------------------------------------------------------------------

def shell_commands(script):
    """Splits a run: script into simple commands (lists of words)."""
    script = re.sub(r"\\\n", " ", script)
    commands = []
    for line in script.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        try:
            words = list(lexer)
        except ValueError as error:
            commands.append(["<unparsable>", line, str(error)])
            continue
        current = []
        for word in words:
            if word and set(word) <= set("();<>|&"):
                if current:
                    commands.append(current)
                current = []
            else:
                current.append(word)
        if current:
            commands.append(current)
    cleaned = []
    for words in commands:
        while words and (words[0] in SHELL_WORDS or re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0])):
            words = words[1:]
        if words:
            cleaned.append(words)
    return cleaned


class Hiltest:
    """Asks the hiltest binary for its subcommands and options (cached)."""

    def __init__(self, binary):
        self.binary = binary
        self.cache = {}

    def help(self, path):
        key = tuple(path)
        if key not in self.cache:
            result = subprocess.run([self.binary, *path, "--help"], capture_output=True, text=True, timeout=60)
            self.cache[key] = (result.returncode, result.stdout + result.stderr)
        return self.cache[key]

    @staticmethod
    def section(text, title):
        lines, inside = [], False
        for line in text.splitlines():
            if re.match(r"^[A-Za-z][A-Za-z ]*:", line):
                inside = line.startswith(title + ":")
                continue
            if inside:
                lines.append(line)
        return lines

    def subcommands(self, path):
        _, text = self.help(path)
        return {m.group(1) for line in self.section(text, "Subcommands")
                for m in [re.match(r"^  (\S+)", line)] if m}

    def has_positionals(self, path):
        _, text = self.help(path)
        return any(line.startswith("Positionals:") for line in text.splitlines())

    def options(self, path):
        # Options are listed under "Options:" and under any option group's own heading, two
        # spaces in; description lines are indented further.
        _, text = self.help(path)
        names, heading = set(), ""
        for line in text.splitlines():
            if re.match(r"^[A-Za-z][A-Za-z ]*:", line):
                heading = line.split(":", 1)[0]
                continue
            match = re.match(r"^ {1,4}(-[^\s\[]*)", line)
            if match and heading not in ("Positionals", "Subcommands"):
                names.update(name for name in match.group(1).split(",") if name.startswith("-"))
        return names


def option_values(words, option):
    values = []
    for index, word in enumerate(words):
        if word == option and index + 1 < len(words):
            values.append(words[index + 1])
        elif word.startswith(option + "="):
            values.append(word.split("=", 1)[1])
    return values



def repository_folders(source_dir):
    """The top-level folders of the repository itself: what git tracks, not what a run left behind
    (ci/demo's hiltest-reports/, build folders). Without git, the folders on disk minus those
    .gitignore names."""
    try:
        tracked = subprocess.run(["git", "-C", source_dir, "ls-files"], capture_output=True, text=True, check=True).stdout
        folders = {line.split("/", 1)[0] for line in tracked.splitlines() if "/" in line}
        if folders:
            return folders
    except (OSError, subprocess.CalledProcessError):
        pass
    ignored = set()
    gitignore = os.path.join(source_dir, ".gitignore")
    if os.path.exists(gitignore):
        with open(gitignore) as lines:
            ignored = {line.strip().strip("/").rstrip("*") for line in lines if line.strip().startswith("/")}
    return {entry.name for entry in os.scandir(source_dir)
            if entry.is_dir() and not entry.name.startswith((".", "build")) and entry.name not in ignored}

def check_hiltest_call(words, where, hiltest, source_dir, findings):
    """Checks one `build/hiltest …` command; returns the report locations it writes (run only)."""
    arguments = words[1:]
    path = []
    while arguments and not arguments[0].startswith("-") and arguments[0] in hiltest.subcommands(path):
        path.append(arguments.pop(0))
    shown = " ".join([HILTEST, *path])
    code, _ = hiltest.help(path)
    if not findings.check(code == 0, where, f"'{shown} --help' exits 0",
                          f"'{shown} --help' exits {code}: not a hiltest command"):
        return []
    commands = hiltest.subcommands(path)
    if commands and arguments and not arguments[0].startswith("-") and not hiltest.has_positionals(path):
        findings.fail(where, f"'{shown}' has no subcommand '{arguments[0]}' (it has {', '.join(sorted(commands))})")
        return []
    if "--" in arguments:
        arguments = arguments[:arguments.index("--")]  # the rest belongs to another program
    known = hiltest.options(path)
    for word in arguments:
        if word.startswith("--"):
            option = word.split("=", 1)[0]
            findings.check(option in known, where, f"'{shown}' has option {option}",
                           f"'{shown}' has no option {option} (its --help lists {', '.join(sorted(known))})")
    repository_dirs = INPUT_DIRS | repository_folders(source_dir)
    for word in arguments:
        if word.startswith("-") or "$" in word or "/" not in word or os.path.isabs(word):
            continue
        if word.split("/", 1)[0] in repository_dirs:
            findings.check(os.path.exists(os.path.join(source_dir, word)), where,
                           f"argument {word} exists in the repository", f"argument {word} does not exist in the repository")
    if path != ["run"]:
        return []
    return option_values(words, "--report-dir") or \
        ([] if option_values(words, "--junit") or option_values(words, "--json") else [DEFAULT_REPORT_DIR]) + \
        option_values(words, "--junit") + option_values(words, "--json")


def check_command(words, where, hiltest, source_dir, findings):
    program = words[0]
    if program == "<unparsable>":
        findings.fail(where, f"cannot split the line '{words[1]}': {words[2]}")
        return []
    if program == HILTEST or program == "./" + HILTEST:
        return check_hiltest_call(words, where, hiltest, source_dir, findings)
    if program.startswith("build/"):
        findings.fail(where, f"'{program}' is a build output this checker does not know (only {HILTEST} is checked)")
        return []
    if "/" in program and not os.path.isabs(program):
        file = os.path.join(source_dir, program)
        findings.check(os.path.isfile(file) and os.access(file, os.X_OK), where,
                       f"script {program} exists and is executable", f"script {program} is missing or not executable")
        return []
    findings.check(program in SHELL_BUILTINS or shutil.which(program) is not None, where,
                   f"command '{program}' exists", f"command '{program}' is neither a shell builtin nor on PATH")
    return []


# --- the workflow checks --------------------------------------------------------------------

def runner_labels(runs_on):
    if isinstance(runs_on, dict):
        labels = runs_on.get("labels", [])
        return [runs_on.get("group", "")] + (labels if isinstance(labels, list) else [labels])
    return runs_on if isinstance(runs_on, list) else [runs_on]


def is_self_hosted(runs_on):
    labels = [str(label) for label in runner_labels(runs_on)]
    # Anything that is not plainly a GitHub-hosted image is treated as self-hosted.
    return any(label.lower() == "self-hosted" for label in labels) or \
        not any(HOSTED_LABEL.match(label) for label in labels)


def strings_in(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from strings_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings_in(item)
    elif node is not None:
        yield str(node)


def step_label(index, step):
    lines = str(step.get("run") or "").strip().splitlines()
    name = step.get("name") or step.get("uses") or (lines[0][:40] if lines else "")
    return f"step {index + 1} '{name}'"


def under(path, folder):
    path, folder = os.path.normpath(path), os.path.normpath(folder)
    return path == folder or path.startswith(folder + os.sep)


def check_job(file, job_id, job, workflow, triggers, hiltest, source_dir, findings):
    where = f"{file} job '{job_id}'"
    if not isinstance(job, dict):
        findings.fail(where, "is not a mapping")
        return
    for key in ("runs-on", "steps", "timeout-minutes"):
        findings.check(key in job, where, f"has {key}", f"has no {key}")
    permissions = job.get("permissions", workflow.get("permissions"))
    findings.check(isinstance(permissions, dict) and permissions.get("contents") == "read", where,
                   "permissions contents: read",
                   f"needs permissions with contents: read (workflow or job level), has {permissions!r}")
    if isinstance(permissions, dict):
        broad = sorted(scope for scope, level in permissions.items() if level == "write")
        findings.check(not broad, where, "no write permissions", f"grants write permission to {', '.join(broad)}")

    self_hosted = is_self_hosted(job.get("runs-on"))
    if self_hosted:
        findings.ok(where, f"runs-on {job.get('runs-on')} is self-hosted: applying the self-hosted rules")
        check_self_hosted_job(where, job, triggers, findings)

    steps = job.get("steps") or []
    report_locations = []
    uploads = []
    for index, step in enumerate(steps):
        if not isinstance(step, dict):
            findings.fail(f"{where} step {index + 1}", "is not a mapping")
            continue
        step_where = f"{where} {step_label(index, step)}"
        if "uses" in step:
            findings.check(step["uses"] in ALLOWED_ACTIONS, step_where, f"uses {step['uses']} (allowlisted)",
                           f"uses {step['uses']}, not in the allowlist {sorted(ALLOWED_ACTIONS)}")
            if str(step["uses"]).startswith("actions/upload-artifact@"):
                paths = str((step.get("with") or {}).get("path", "")).split("\n")
                always = "always()" in str(step.get("if", ""))
                findings.check(always, step_where, "uploads under if: always()",
                               "uploads artifacts without if: always(), so failed runs lose their reports")
                if always:
                    uploads.append((index, [p.strip() for p in paths if p.strip()]))
        if "run" in step:
            for words in shell_commands(str(step["run"])):
                for location in check_command(words, step_where, hiltest, source_dir, findings):
                    report_locations.append((index, location, step_where))

    for index, location, step_where in report_locations:
        covered = any(upload_index > index and any(under(location, path) for path in paths)
                      for upload_index, paths in uploads)
        findings.check(covered, step_where, f"reports in {location} are uploaded by a later if: always() step",
                       f"reports in {location} are not uploaded by a later actions/upload-artifact step under if: always()")


def check_self_hosted_job(where, job, triggers, findings):
    concurrency = job.get("concurrency")
    findings.check(isinstance(concurrency, dict) and concurrency.get("group") and
                   concurrency.get("cancel-in-progress") is False, where,
                   f"concurrency group '{(concurrency or {}).get('group') if isinstance(concurrency, dict) else ''}' "
                   "with cancel-in-progress: false",
                   "self-hosted job needs concurrency with a group and cancel-in-progress: false "
                   "(two jobs must never share a board)")
    secrets = [text for text in strings_in(job) if "secrets." in text]
    findings.check(not secrets, where, "uses no secrets", f"self-hosted job uses secrets: {secrets[0] if secrets else ''}")
    findings.check("pull_request_target" not in triggers, where, "no pull_request_target trigger",
                   "pull_request_target on a workflow with a self-hosted job runs fork code with this repository's rights")
    pull_events = [event for event in ("pull_request", "pull_request_target") if event in triggers]
    if not pull_events:
        findings.ok(where, "no pull_request trigger, fork pull requests cannot reach the runner")
        return
    condition = job.get("if")
    if condition is None:
        findings.fail(where, "self-hosted job reachable by fork pull requests: it has no `if` that excludes them")
        return
    # The condition may name the repository or its owner literally ('myorg/firmware', 'myorg'), so
    # it is also evaluated as if the workflow lived in every repository its literals could mean.
    literals = re.findall(r"'((?:[^']|'')*)'", str(condition))
    bases = ["owner/firmware"] + [text if "/" in text else f"{text}/firmware"
                                  for text in literals if re.fullmatch(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?", text)]
    for event in pull_events:
        try:
            reachable = [base for base in bases if truthy(Evaluator(str(condition), github_context(
                event, "stranger/" + base.split("/")[1], base)).evaluate())]
            from_here = Evaluator(str(condition), github_context(event, bases[0], bases[0])).evaluate()
            on_push = Evaluator(str(condition), github_context("push", None)).evaluate()
        except ExpressionError as error:
            findings.fail(where, f"cannot evaluate its `if` ({error}), so cannot show fork pull requests are excluded")
            return
        findings.check(not reachable, where, f"`if` is false for a {event} from a fork (checked as {', '.join(bases)})",
                       f"self-hosted job reachable by fork pull requests: its `if` is true for a {event} "
                       f"from a fork of {reachable[0] if reachable else ''}")
        # Not wrong, but worth knowing (e.g. a bench job meant for pushes only).
        findings.ok(where, f"`if` is {'true' if truthy(from_here) else 'false (note: the job never runs for it)'} "
                           f"for a {event} from this repository")
    findings.ok(where, f"`if` is {'true' if truthy(on_push) else 'false (note: the job never runs for it)'} for a push")


def check_workflow_text(file, text, hiltest, source_dir, findings):
    try:
        workflow = yaml.safe_load(text)
    except yaml.YAMLError as error:
        findings.fail(file, f"is not valid YAML: {error}")
        return
    if not findings.check(isinstance(workflow, dict), file, "parses as YAML (a mapping)", "is not a YAML mapping"):
        return
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    if True in workflow and "on" not in workflow:
        workflow["on"] = workflow.pop(True)
    for key in ("name", "on", "jobs"):
        findings.check(key in workflow, file, f"has {key}", f"has no {key}")
    triggers = workflow.get("on") or {}
    if isinstance(triggers, str):
        triggers = {triggers: None}
    elif isinstance(triggers, list):
        triggers = {trigger: None for trigger in triggers}
    findings.ok(file, f"triggers: {', '.join(triggers)}")
    jobs = workflow.get("jobs") or {}
    if not findings.check(isinstance(jobs, dict) and jobs, file, f"jobs: {', '.join(jobs)}", "has no jobs"):
        return
    for job_id, job in jobs.items():
        check_job(file, job_id, job, workflow, triggers, hiltest, source_dir, findings)
    uploads = [step for job in jobs.values() if isinstance(job, dict) for step in job.get("steps") or []
               if isinstance(step, dict) and str(step.get("uses", "")).startswith("actions/upload-artifact@")
               and "always()" in str(step.get("if", ""))]
    findings.check(bool(uploads), file, f"uploads reports ({len(uploads)} actions/upload-artifact step(s) under if: always())",
                   "uploads no reports: no actions/upload-artifact step under if: always()")


def run_yamllint(files, findings):
    if shutil.which("yamllint") is None:
        print("skip yamllint: not installed (Debian package yamllint)")
        return
    result = subprocess.run(["yamllint", "-d", "relaxed", *files], capture_output=True, text=True)
    findings.check(result.returncode == 0, "yamllint -d relaxed", "no errors", result.stdout.strip())


def check_templates(source_dir, hiltest):
    findings = Findings()
    files = sorted(glob.glob(os.path.join(source_dir, "ci", "github", "*.yml")))
    findings.check(len(files) >= 2, "ci/github", f"{len(files)} workflow files", "expected at least two *.yml workflows")
    for path in files:
        with open(path, encoding="utf-8") as stream:
            check_workflow_text(os.path.relpath(path, source_dir), stream.read(), hiltest, source_dir, findings)
    run_yamllint(files, findings)
    print(f"\n{len(findings.failures)} problem(s)" if findings.failures else "\nall workflow checks passed")
    return 1 if findings.failures else 0


# Each mistake planted in broken-workflow.yml and the words the checker must report it with.
EXPECTED_MISTAKES = {
    "self-hosted job without any `if`": "job 'no-guard': self-hosted job reachable by fork pull requests: it has no `if`",
    "an `if` that lets pull_request through": "job 'wrong-guard': self-hosted job reachable by fork pull requests: its `if` is true",
    "an `if` on the repository owner": "job 'owner-guard': self-hosted job reachable by fork pull requests",
    "cancel-in-progress: true": "job 'no-guard': self-hosted job needs concurrency",
    "secrets on a self-hosted job": "job 'no-guard': self-hosted job uses secrets",
    "an action outside the allowlist": "not in the allowlist",
    "an unknown hiltest option": "has no option --no-such-option",
    "an unknown hiltest subcommand": "'build/hiltest' has no subcommand 'flash-everything'",
    "a missing ci/ script": "script ci/does-not-exist is missing",
    "a missing suite file": "argument testsuites/missing.json does not exist",
    "reports not uploaded under always()": "uploads artifacts without if: always()",
    "reports never uploaded": "reports in hiltest-reports are not uploaded",
    "a job without timeout-minutes": "job 'no-guard': has no timeout-minutes",
    "write permissions": "grants write permission to contents",
    "an unknown program": "command 'frobnicate' is neither a shell builtin nor on PATH",
}


def self_test(source_dir, hiltest):
    broken = os.path.join(os.path.dirname(os.path.abspath(__file__)), "broken-workflow.yml")
    with open(broken, encoding="utf-8") as stream:
        text = stream.read()
    findings = Findings(quiet=True)
    check_workflow_text("broken-workflow.yml", text, hiltest, source_dir, findings)
    missed = 0
    for mistake, words in EXPECTED_MISTAKES.items():
        caught = [failure for failure in findings.failures if words in failure]
        if caught:
            print(f"caught  {mistake}: {caught[0]}")
        else:
            missed += 1
            print(f"MISSED  {mistake}: no problem reported containing '{words}'")
    clean = [failure for failure in findings.failures if "job 'clean'" in failure]
    for failure in clean:
        print(f"FALSE ALARM on the correct job: {failure}")
    print(f"\n{len(EXPECTED_MISTAKES) - missed}/{len(EXPECTED_MISTAKES)} planted mistakes caught, "
          f"{len(clean)} false alarm(s)")
    return 1 if missed or clean else 0


def main(argv):
    arguments = argv[1:]
    testing = arguments[:1] == ["--self-test"]
    if testing:
        arguments = arguments[1:]
    if len(arguments) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    source_dir, binary = os.path.abspath(arguments[0]), os.path.abspath(arguments[1])
    if not os.access(binary, os.X_OK):
        print(f"check_workflows: {binary} is not an executable hiltest binary", file=sys.stderr)
        return 2
    hiltest = Hiltest(binary)
    return self_test(source_dir, hiltest) if testing else check_templates(source_dir, hiltest)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
