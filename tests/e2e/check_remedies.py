#!/usr/bin/env python3
"""Every option hiltest's own messages tell the user to pass exists: each `--option` in a string
literal of the product code (error messages, remedies, help texts) is an option of the hiltest
command the text names ("hiltest flash --unlock"), or of some hiltest command when it names none.
Options of other programs the messages mention (xmllint, openocd, …) are listed here by name.

usage: check_remedies.py SOURCE_DIR HILTEST_BINARY"""
import os
import re
import sys

sys.path.insert(0, os.path.join(sys.argv[1], "ci", "github", "tests"))
from check_workflows import Hiltest  # noqa: E402  (the same --help reader the workflow checker uses)

source_dir, binary = sys.argv[1], sys.argv[2]
hiltest = Hiltest(binary)

# Options of other programs that hiltest's messages quote on purpose.
FOREIGN = {
    "--noout", "--schema",          # xmllint, in the JUnit checks it prints
    "--specs",                      # arm-none-eabi-gcc (newlib's specs files)
    "--reload",                     # udevadm control --reload (installing the udev rules)
}
# Programs of their own, not hiltest commands (their usage lines name their own options).
OTHER_PROGRAMS = ("tests/differential",)


def commands(path=()):
    """Every hiltest (sub)command path, depth first."""
    yield path
    for sub in sorted(hiltest.subcommands(list(path))):
        yield from commands(path + (sub,))


options_of = {path: hiltest.options(list(path)) for path in commands()}
every_option = set().union(*options_of.values())
literal = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
option = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
named_command = re.compile(r"\bhiltest((?: [a-z][a-z-]*)+)")

# A hiltest built without the simulator (-DHILTEST_SIMULATOR=OFF) has none of its code, so none
# of its messages: the simulator's sources are checked against the build that has them.
SIMULATOR_SOURCES = ("fixtures/bluepill", "runner/cli/sim")
not_built = SIMULATOR_SOURCES if ("sim",) not in options_of else ()

problems, checked = [], 0
for folder in ("probe", "runner", "reports", "fixtures/bluepill"):
    for root, dirs, files in os.walk(os.path.join(source_dir, folder)):
        dirs[:] = [d for d in dirs if d not in ("tests", "fuzz", "fuzz_corpus")]
        if os.path.relpath(root, source_dir).startswith(OTHER_PROGRAMS + not_built):
            continue
        for name in files:
            if not name.endswith((".cpp", ".hpp")):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as source:
                for number, line in enumerate(source, 1):
                    for text in literal.findall(line):
                        text = text.split(" -- ")[0]  # what follows "--" is another program's command line
                        for match in option.finditer(text):
                            flag = match.group(0)
                            checked += 1
                            where = f"{os.path.relpath(path, source_dir)}:{number}"
                            before = named_command.findall(text[:match.start()])
                            if before:
                                words = tuple(before[-1].split())
                                while words and words not in options_of:
                                    words = words[:-1]  # "hiltest flash IMAGE --unlock": the command is flash
                                if words and flag not in options_of[words] and flag not in FOREIGN:
                                    problems.append(f"{where}: 'hiltest {' '.join(words)}' has no option {flag}")
                                    continue
                                if words:
                                    continue
                            if flag not in every_option and flag not in FOREIGN:
                                problems.append(f"{where}: no hiltest command has the option {flag} ({text.strip()[:80]})")

for problem in problems:
    print(problem)
print(f"checked {checked} option mentions in the product's messages against {len(options_of)} hiltest commands")
sys.exit(1 if problems else 0)
