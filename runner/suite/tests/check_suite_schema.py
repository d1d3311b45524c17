#!/usr/bin/env python3
"""Keeps docs/suite.schema.json honest: it is a valid draft 2020-12 schema, every example in
docs/suite-format.md and every suite in testsuites/ validates against it, and typical mistakes
do not. (The C++ test suite_docs_test.cpp checks the same examples against the parser.)"""
import json
import pathlib
import re
import sys

import jsonschema

root = pathlib.Path(sys.argv[1])
schema = json.loads((root / "docs/suite.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)


def wrap_step(step):
    return {"name": "s", "probe": "sim", "firmware": "fw.elf", "tests": [{"name": "t", "steps": [step]}]}


failures = []
examples = re.findall(r"```json\n(.*?)```", (root / "docs/suite-format.md").read_text(), re.S)
assert len(examples) > 15, f"expected the step examples in docs/suite-format.md, found {len(examples)} blocks"
documents = []
for text in examples:
    document = json.loads(text)
    documents.append(("docs example " + text.strip().splitlines()[0][:60], document if "tests" in document else wrap_step(document)))
for path in sorted((root / "testsuites").glob("*.json")):
    documents.append((str(path.relative_to(root)), json.loads(path.read_text())))

for name, document in documents:
    errors = sorted(validator.iter_errors(document), key=str)
    if errors:
        failures.append(f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}")

invalid_steps = [
    {"do": "expect_blink", "pin": "PC13", "frequncy_hz": 1},
    {"do": "expect_blink", "pin": "PC13", "frequency_hz": "1Hz"},
    {"do": "expect_blink", "pin": "PC13"},
    {"do": "expect_blink", "pin": "PC13", "frequency_hz": 1, "max_frequency_hz": 5},
    {"do": "expect_blink", "pin": "PC13", "max_frequency_hz": 5, "tolerance_percent": 5},
    {"do": "expect_blink", "pin": "PC13", "max_frequency_hz": 5, "duty_percent": 50},
    {"do": "expect_blink", "pin": "PC13", "frequency_hz": 1, "duty_tolerance_percent": 2},
    {"do": "expect_blink", "pin": "PC13", "frequency_hz": 1, "duty_percent": 100},
    {"do": "expect_blink", "pin": "PC13", "frequency_hz": 1000},
    {"do": "flsh"},
    {"pin": "PC13"},
    {"do": "expect_pin", "pin": "PC16", "level": "high"},
    {"do": "expect_memory", "symbol": "x"},
    {"do": "expect_memory", "address": "0xZZ", "equals": 1},
    {"do": "run_until", "address": 0, "symbol": "main"},
    {"do": "write", "address": 0, "width": 12, "value": 1},
    {"do": "expect_fault", "fault": "none", "cause": "FORCED"},
    {"do": "reset", "mode": "hlat"},
    {"do": "wait", "ms": 1.5},
    {"do": "expect_exit", "status": "three"},
    {"do": "expect_exit", "statsu": 0},
    {"do": "expect_exit", "reason": ""},
]
for step in invalid_steps:
    if validator.is_valid(wrap_step(step)):
        failures.append(f"schema accepts an invalid step: {json.dumps(step)}")
def with_i2c(device):
    return {"name": "s", "probe": "sim", "simulated_board": {"i2c": [device]}, "tests": [{"name": "t", "steps": [{"do": "halt"}]}]}


invalid_suites = [
    {"name": "s", "probe": "sim", "test": []},
    {"name": "s", "probe": "usb", "tests": [{"name": "t", "steps": [{"do": "halt"}]}]},
    with_i2c({"bus": "i2c3", "address": "0x50", "device": "24c02"}),
    with_i2c({"bus": "i2c1", "address": "0xA0", "device": "24c02"}),
    with_i2c({"bus": "i2c1", "address": 128, "device": "24c02"}),
    with_i2c({"bus": "i2c1", "address": "0x50", "device": "24c04"}),
    with_i2c({"bus": "i2c1", "device": "nack"}),
    {"name": "s", "probe": "sim", "expect_exit": {"do": "expect_exit"}, "tests": [{"name": "t", "steps": [{"do": "halt"}]}]},
    {"name": "s", "probe": "sim", "tests": [{"name": "t", "expect_exit": True, "steps": [{"do": "halt"}]}]},
]
for document in invalid_suites:
    if validator.is_valid(document):
        failures.append(f"schema accepts an invalid suite: {json.dumps(document)}")

for failure in failures:
    print(failure)
print(f"checked {len(documents)} valid documents and {len(invalid_steps) + len(invalid_suites)} invalid ones")
sys.exit(1 if failures else 0)
