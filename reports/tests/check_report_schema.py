#!/usr/bin/env python3
"""docs/report.schema.json is a valid draft 2020-12 schema, and the example in
docs/report-format.md and the reports the writer produces (printed by the sample program given
as the second argument) validate against it.

  check_report_schema.py ROOT SAMPLE_PROGRAM     the docs example and the writer's samples
  check_report_schema.py ROOT --reports FILE...  reports hiltest wrote (the end-to-end tests)
"""
import json
import pathlib
import re
import subprocess
import sys

import jsonschema

root = pathlib.Path(sys.argv[1])
schema = json.loads((root / "docs/report.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

documents = []
if sys.argv[2] == "--reports":
    for path in sys.argv[3:]:
        documents.append((path, json.loads(pathlib.Path(path).read_text(encoding="utf-8"))))
else:
    sample_program = sys.argv[2]
    for text in re.findall(r"```json\n(.*?)```", (root / "docs/report-format.md").read_text(), re.S):
        documents.append(("docs/report-format.md example", json.loads(text)))
    for variant in ("sample", "hostile", "merged", "repeated", "on_target"):
        output = subprocess.run([sample_program, variant], check=True, capture_output=True).stdout
        documents.append((f"writer output ({variant})", json.loads(output.decode("utf-8"))))

failures = 0
for name, document in documents:
    for error in validator.iter_errors(document):
        print(f"{name}: {error.message} at {list(error.absolute_path)}")
        failures += 1
print(f"checked {len(documents)} reports")
sys.exit(1 if failures else 0)
