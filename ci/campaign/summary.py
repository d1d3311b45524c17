"""The table at the end of a campaign: runs per firmware and per fault kind (with how many of
them were bad), problem totals, and the distinct problem signatures with their counts."""
import re
import statistics
from collections import Counter, defaultdict

from judge import CATEGORIES


def signature(category, detail):
    """A problem with the run-specific parts (numbers, names, fault lists) taken out, so that
    the same defect in many runs counts once."""
    text = re.sub(r"\[[^\]]*\]", "[…]", detail)
    text = re.sub(r"'[^']*'", "'…'", text)
    text = re.sub(r"0x[0-9A-Fa-f]+|\d+(\.\d+)?", "N", text)
    return f"{category}: {text[:160]}"


def print_table(title, rows):
    width = max([len(title)] + [len(name) for name, _, _ in rows]) + 2
    print(f"{title:<{width}}{'runs':>7}{'bad':>7}")
    for name, runs, bad in rows:
        print(f"{name:<{width}}{runs:>7}{bad:>7}")


def print_summary(results, elapsed_s, kind_of):
    """Prints the summary; returns the number of bad runs."""
    by_firmware = defaultdict(lambda: [0, 0])
    by_kind = defaultdict(lambda: [0, 0])
    totals = Counter()
    runs_with = Counter()
    signatures = Counter()
    examples = {}
    bad_runs = 0
    for result in results:
        plan = result["plan"]
        bad = bool(result["problems"])
        bad_runs += bad
        by_firmware[plan.firmware][0] += 1
        by_firmware[plan.firmware][1] += bad
        kinds = {kind_of(spec) for spec in plan.faults} or {"(none: control)"}
        if plan.preseed:
            kinds.add("(preseeded flash)")
        if result["sigint"]:
            kinds.add("(SIGINT)")
        for kind in kinds:
            by_kind[kind][0] += 1
            by_kind[kind][1] += bad
        categories = set()
        for category, detail in result["problems"]:
            totals[category] += 1
            categories.add(category)
            key = signature(category, detail)
            signatures[key] += 1
            examples.setdefault(key, plan.index)
        for category in categories:
            runs_with[category] += 1
    walls = [r["main_wall_s"] for r in results if "main_wall_s" in r]
    print()
    print(f"=== campaign summary: {len(results)} runs, {bad_runs} bad, {elapsed_s:.1f} s wall"
          + (f", median {statistics.median(walls) * 1000:.0f} ms per hiltest run, max {max(walls):.2f} s" if walls else ""))
    sigint = [r for r in results if r["sigint"]]
    if sigint:
        print(f"SIGINT sent to {len(sigint)} runs while they ran; {sum(r.get('interrupted', False) for r in sigint)} "
              f"reports say interrupted, {sum(r.get('returncode') == 130 for r in sigint)} exited 130")
    print_table("firmware", sorted((k, *v) for k, v in by_firmware.items()))
    print()
    print_table("fault kind", sorted((k, *v) for k, v in by_kind.items()))
    print()
    print(f"{'problem':<20}{'runs':>7}{'problems':>10}")
    for category in CATEGORIES + ["generator"]:
        print(f"{category:<20}{runs_with[category]:>7}{totals[category]:>10}")
    if signatures:
        print()
        print("distinct problems (count, first run):")
        for key, count in signatures.most_common():
            print(f"  {count:>5}  run {examples[key]:<6} {key}")
    return bad_runs
