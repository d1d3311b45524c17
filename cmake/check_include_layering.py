#!/usr/bin/env python3
"""Every #include "…" edge stays within what its target links (CTest IncludeLayering).

Every library includes the repository root, so the compiler finds any header from anywhere; this
check is what keeps the layers (docs/architecture.md) apart. The build writes the declared edges
(cmake/IncludeLayering.cmake); here:

- a header belongs to the library that compiles the source of the same name beside it (two
  libraries of one folder, like runner's exit codes and interrupt handlers); otherwise to the
  library whose folder holds it (the deepest such folder), except in a component's `tests` or
  `fuzz` folder, which no library owns; the top-level `tests/` folder
  holds test code and the test-support libraries (tests/support, tests/differential);
- a target's code is its sources, the headers of its own folder, and every unowned header they
  include (followed transitively: an include in a test-support header is the including test's);
- each header that code includes must belong to the target itself or to a library it links,
  directly or through the libraries it links;
- product code (outside every `tests` and `fuzz` folder and outside benchmarks/, whose benchmarks
  may use the test rigs) never includes test code or test support.

Usage: check_include_layering.py SOURCE_DIR MANIFEST
"""
import json
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.MULTILINE)
CODE_SUFFIXES = (".cpp", ".hpp", ".h", ".c", ".cc")
UNOWNED_FOLDERS = {"tests", "fuzz"}


def load_targets(manifest):
    targets = {}
    with open(manifest, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                entry = json.loads(line)
                entry["links"] = [l for l in entry["links"].split(";") if l]
                entry["sources"] = [s for s in entry["sources"].split(";") if s]
                targets[entry["name"]] = entry
    return targets


def in_unowned_folder(relative):
    """A component's own tests/ or fuzz/ folder (the top-level tests/ holds libraries too)."""
    folders = relative.split("/")[:-1]
    if folders and folders[0] == "tests":
        folders = folders[1:]
    return any(part in UNOWNED_FOLDERS for part in folders)


def is_test_code(relative):
    return relative.startswith("tests/") or in_unowned_folder(relative)


def may_use_test_code(relative):
    return is_test_code(relative) or relative.startswith("benchmarks/")


class Layout:
    def __init__(self, root, targets):
        self.root = root
        self.libraries = {name: os.path.relpath(t["folder"], root) for name, t in targets.items()
                          if t["type"] != "EXECUTABLE"}
        # "runner/cli/interrupt" -> the library that compiles runner/cli/interrupt.cpp
        self.compiled_by = {}
        for name, t in targets.items():
            if t["type"] == "EXECUTABLE":
                continue
            for source in t["sources"]:
                path = source if os.path.isabs(source) else os.path.join(t["folder"], source)
                stem = os.path.splitext(os.path.relpath(os.path.normpath(path), root))[0]
                self.compiled_by[stem] = name

    def owner(self, relative):
        """The library that owns a repository-relative file, or None (test support, unowned)."""
        if in_unowned_folder(relative):
            return None
        stem, suffix = os.path.splitext(relative)
        if suffix in (".hpp", ".h") and stem in self.compiled_by:
            return self.compiled_by[stem]
        best, depth = None, -1
        for name, folder in self.libraries.items():
            prefix = "" if folder == "." else folder + "/"
            if relative.startswith(prefix) and prefix.count("/") > depth:
                best, depth = name, prefix.count("/")
        return best


def includes_of(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return INCLUDE.findall(f.read())
    except OSError:
        return []


def link_closure(targets, name):
    seen, stack = set(), [name]
    while stack:
        current = stack.pop()
        for link in targets.get(current, {}).get("links", []):
            if link in targets and link not in seen:
                seen.add(link)
                stack.append(link)
    return seen


def own_files(root, target, layout):
    folder = target["folder"]
    files = [s if os.path.isabs(s) else os.path.join(folder, s) for s in target["sources"]]
    if target["type"] != "EXECUTABLE":
        for entry in sorted(os.listdir(folder)):
            path = os.path.join(folder, entry)
            relative = os.path.relpath(path, root)
            if entry.endswith(CODE_SUFFIXES) and layout.owner(relative) == target["name"]:
                files.append(path)
    return [os.path.normpath(f) for f in files if f.endswith(CODE_SUFFIXES) and os.path.isfile(f)]


def check_target(root, targets, layout, name):
    target = targets[name]
    allowed = link_closure(targets, name) | {name}
    problems = []
    queue = own_files(root, target, layout)
    visited = set(queue)
    while queue:
        path = queue.pop()
        where = os.path.relpath(path, root)
        for include in includes_of(path):
            header = os.path.join(root, include)
            if not os.path.isfile(header):
                header = os.path.join(os.path.dirname(path), include)
                if not os.path.isfile(header):
                    continue  # generated, or a system header written with quotes
            relative = os.path.relpath(os.path.normpath(header), root)
            owner = layout.owner(relative)
            if is_test_code(relative) and not may_use_test_code(where):
                problems.append(f"{where} includes test support {relative}")
            if owner is None:
                normalized = os.path.normpath(header)
                if normalized not in visited:
                    visited.add(normalized)
                    queue.append(normalized)
            elif owner not in allowed:
                problems.append(f"{where} includes {relative} (of {owner}), but {name} does not link {owner}")
    return problems


def main():
    root, manifest = os.path.abspath(sys.argv[1]), sys.argv[2]
    targets = load_targets(manifest)
    layout = Layout(root, targets)
    problems = []
    for name in sorted(targets):
        problems += check_target(root, targets, layout, name)
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} include edge(s) outside the declared layering: link the library the header "
              "belongs to (target_link_libraries / DEPS), or move the code to the layer it needs")
        return 1
    print(f"include layering: {len(targets)} targets, every include within what it links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
