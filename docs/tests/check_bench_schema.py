#!/usr/bin/env python3
"""Keeps docs/bench.schema.json honest: it is a valid draft 2020-12 schema, every ```json example
in docs/bench-format.md and every bench in benches/ validates against it, and typical mistakes
do not. (The bench parser's own tests check the same examples against the C++ parser.)"""
import copy
import json
import pathlib
import re
import sys

import jsonschema

root = pathlib.Path(sys.argv[1])
schema = json.loads((root / "docs/bench.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

failures = []
documents = []
examples = re.findall(r"```json\n(.*?)```", (root / "docs/bench-format.md").read_text(), re.S)
if len(examples) < 4:
    failures.append(f"expected the bench examples in docs/bench-format.md, found {len(examples)} ```json blocks")
for index, text in enumerate(examples, 1):
    try:
        documents.append((f"docs/bench-format.md json block {index}", json.loads(text)))
    except json.JSONDecodeError as error:
        failures.append(f"docs/bench-format.md json block {index} is not JSON: {error}")
benches = sorted((root / "benches").glob("*.json"))
if len(benches) < 2:
    failures.append(f"expected benches/virtual-quad.json and benches/desk-example.json, found {len(benches)} files")
for path in benches:
    documents.append((str(path.relative_to(root)), json.loads(path.read_text())))

for name, document in documents:
    errors = sorted(validator.iter_errors(document), key=str)
    if errors:
        failures.append(f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}")
    board_names = [board.get("name") for board in document.get("boards", [])]
    if len(set(board_names)) != len(board_names):
        failures.append(f"{name}: board names are not unique: {board_names}")


def bench(*boards, **top):
    return {"boards": list(boards), **top}


sim = {"name": "sim-1", "probe": "sim"}
real = {"name": "desk-1", "probe": "stlink:066DFF485550755187121621"}


def board(base, **changes):
    result = copy.deepcopy(base)
    result.update(changes)
    return result


invalid = [
    ("typo'd board key", bench(board(real, nrst_wird=False))),
    ("typo'd top-level key", bench(sim, bords=[])),
    ("typo'd hook", bench(board(real, hooks={"power_cylce": "uhubctl -a cycle"}))),
    ("typo'd simulated key", bench(board(sim, simulated={"sed": 1}))),
    ("probe usb", bench(board(real, probe="usb"))),
    ("probe usb path without a port", bench(board(real, probe="usb:1"))),
    ("probe usb path with letters", bench(board(real, probe="usb:1-a"))),
    ("probe stlink: without serial", bench(board(real, probe="stlink:"))),
    ("name with spaces", bench(board(sim, name="board 1"))),
    ("name with a slash", bench(board(sim, name="desk/1"))),
    ("empty name", bench(board(sim, name=""))),
    ("name of 65 characters", bench(board(sim, name="b" * 65))),
    ("board without name", bench({"probe": "sim"})),
    ("board without probe", bench({"name": "b"})),
    ("hook object without command", bench(board(real, hooks={"before": {"timeout_ms": 1000}}))),
    ("empty hook command", bench(board(real, hooks={"after": ""}))),
    ("lone $ in a path", bench(board(sim, simulated={"firmware": "$firmware_dir/blink.elf"}))),
    ("simulated serial with a space", bench(board(sim, simulated={"serial": "SIM 1"}))),
    ("hook as argv array", bench(board(real, hooks={"before": ["uhubctl", "-a", "on"]}))),
    ("settle_ms on before", bench(board(real, hooks={"before": {"command": "true", "settle_ms": 100}}))),
    ("settle_ms on after", bench(board(real, hooks={"after": {"command": "true", "settle_ms": 100}}))),
    ("unknown key in a hook", bench(board(real, hooks={"power_cycle": {"command": "true", "delay_ms": 1}}))),
    ("negative timeout_ms", bench(board(real, hooks={"power_cycle": {"command": "true", "timeout_ms": -1}}))),
    ("zero timeout_ms", bench(board(real, hooks={"before": {"command": "true", "timeout_ms": 0}}))),
    ("negative settle_ms", bench(board(real, hooks={"power_cycle": {"command": "true", "settle_ms": -5}}))),
    ("timeout_ms as a string", bench(board(real, hooks={"before": {"command": "true", "timeout_ms": "5s"}}))),
    ("simulated on a stlink board", bench(board(real, simulated={"seed": 1}))),
    ("simulated on a stlink:SERIAL board", bench(board(real, simulated={}))),
    ("empty boards array", bench()),
    ("no boards", {"name": "desk"}),
    ("boards not an array", {"boards": sim}),
    ("nrst_wired as a string", bench(board(real, nrst_wired="no"))),
    ("bad target", bench(board(real, target="bluepill"))),
    ("negative seed", bench(board(sim, simulated={"seed": -1}))),
    ("serial of 25 characters", bench(board(sim, simulated={"serial": "A" * 25}))),
    ("bad dpidr", bench(board(sim, simulated={"dpidr": "0xZZ"}))),
    ("negative reset_button_ms", bench(board(sim, simulated={"reset_button_ms": -1}))),
    ("faults not an array", bench(board(sim, simulated={"faults": "nrst-not-wired"}))),
    ("probe stlink with two real boards", bench(board(real, probe="stlink"), board(real, name="desk-2"))),
]
for label, document in invalid:
    if validator.is_valid(document):
        failures.append(f"schema accepts an invalid bench ({label}): {json.dumps(document)}")

# Keep the invalid list honest: each entry must differ from a valid bench only by its mistake.
valid = [
    bench(real, board(real, name="desk-2", probe="stlink:55FF6E064989575140271687")),
    bench(board(real, probe="stlink"), sim),
    bench(board(real, probe="usb:1-4.2"), board(real, name="desk-2", probe="usb:3-1")),
    bench(board(real, nrst_wired=True, target="STM32F103C8",
                hooks={"before": {"command": "true", "timeout_ms": 1},
                       "power_cycle": {"command": "true", "settle_ms": 0}})),
    bench(board(sim, name="a.b_c-9", simulated={"seed": 0, "dpidr": "0x2BA01477", "serial": "A" * 24, "faults": []})),
]
for document in valid:
    errors = list(validator.iter_errors(document))
    if errors:
        failures.append(f"schema rejects a valid bench: {json.dumps(document)}: {errors[0].message}")

for failure in failures:
    print(failure)
print(f"checked {len(documents) + len(valid)} valid benches ({len(examples)} from docs/bench-format.md, "
      f"{len(benches)} in benches/) and {len(invalid)} invalid ones")
sys.exit(1 if failures else 0)
