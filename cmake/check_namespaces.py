#!/usr/bin/env python3
"""Namespaces follow folders (CTest NamespacesFollowFolders).

Each folder's code declares the namespace the table below gives it (or one nested in it), so a
reader who knows where a file is knows what its names are called, and the other way round. Test
code in a component's `tests/` folder uses the component's namespace or `<it>::testing`; the
top-level `tests/` uses `hiltest::testing` or the namespace of the component a test is about.

Usage: check_namespaces.py SOURCE_DIR
"""
import os
import re
import subprocess
import sys

# Folder prefix -> the namespaces its code may declare (the longest matching prefix wins).
NAMESPACES = {
    "arch/armv7m": ["hiltest::armv7m"],
    "image": ["hiltest::image"],
    "reports": ["hiltest::reports"],
    # The vocabulary every layer shares: errors, the Clock, hex (hiltest) and the probe selector.
    "probe/base": ["hiltest", "hiltest::probe"],
    "probe/usb": ["hiltest::probe::usb"],
    "probe/stlink": ["hiltest::probe::stlink"],
    "probe/arm": ["hiltest::probe::arm"],
    "probe/target": ["hiltest::probe::target"],
    "probe/flash": ["hiltest::probe::flash"],
    "probe/connect": ["hiltest::probe::connect"],
    # The simulated board is one namespace for its parts (core, chip, debug port, rig); the
    # dongle and the USB server have their own.
    "fixtures/bluepill": ["hiltest::sim"],
    "fixtures/bluepill/stlink": ["hiltest::sim::stlink"],
    "fixtures/bluepill/usb": ["hiltest::sim::usb"],
    # The runner's parts: each is a namespace of its own.
    "runner/suite": ["hiltest::suite"],
    "runner/session": ["hiltest::session"],
    "runner/bench": ["hiltest::bench"],
    "runner/cli": ["hiltest::cli"],
    "benchmarks": ["hiltest::benchmarks"],
    "tests": ["hiltest::testing"],
}
CODE = (".cpp", ".hpp", ".h", ".cc")
DECLARATION = re.compile(r"^\s*namespace\s+(hiltest(?:::\w+)*)\s*\{", re.MULTILINE)


def allowed_for(relative):
    best = None
    for prefix in NAMESPACES:
        if relative == prefix or relative.startswith(prefix + "/"):
            if best is None or len(prefix) > len(best):
                best = prefix
    if best is None:
        return None
    allowed = list(NAMESPACES[best])
    if relative.startswith("tests/"):
        # Cross-component tests: the test namespace, or that of the component under test.
        return ["hiltest::testing"] + [name for names in NAMESPACES.values() for name in names if name != "hiltest"]
    if "/tests/" in "/" + relative:
        allowed += [name + "::testing" for name in allowed] + ["hiltest::testing"]
    return allowed


def fits(namespace, allowed):
    return any(namespace == name or namespace.startswith(name + "::") for name in allowed)


def main():
    root = os.path.abspath(sys.argv[1])
    files = subprocess.run(["git", "-C", root, "ls-files"], capture_output=True, text=True, check=True).stdout.split()
    problems = []
    checked = 0
    for relative in files:
        if not relative.endswith(CODE) or relative.startswith("fixtures/firmware/"):
            continue
        allowed = allowed_for(relative)
        if allowed is None:
            continue
        with open(os.path.join(root, relative), encoding="utf-8", errors="replace") as f:
            declared = DECLARATION.findall(f.read())
        checked += 1
        for namespace in declared:
            # A nested `namespace hiltest {` around `namespace x {` blocks is read as written.
            if namespace == "hiltest" and "hiltest" not in allowed:
                continue
            if not fits(namespace, allowed):
                problems.append(f"{relative}: namespace {namespace}, but code in this folder is in {' or '.join(allowed)}")
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} declaration(s) outside their folder's namespace (table in cmake/check_namespaces.py)")
        return 1
    print(f"namespaces: {checked} files, each in its folder's namespace")
    return 0


if __name__ == "__main__":
    sys.exit(main())
