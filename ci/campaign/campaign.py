"""The seeded fault campaign: plans each run from (campaign seed, run number), runs them in
parallel, judges each one (judge.py) and prints a summary. README.md in this folder explains
the options and how to read the output."""
import argparse
import hashlib
import os
import random
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from execute import hiltest_command, preseed_suite, run_hiltest, save_execution, write_json
from faults import fault_set, is_link_only, kind_of
from judge import RunRecord, judge
from report_checks import ReportTools
from suite_gen import FIRMWARES, GeneratorError, Images, SuiteValidator, generate
from summary import print_summary

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_seed(campaign_seed, index):
    digest = hashlib.sha256(f"hiltest-campaign:{campaign_seed}:{index}".encode()).digest()
    return int.from_bytes(digest[:8], "little")


@dataclass
class Plan:
    index: int
    seed: int
    firmware: str = ""
    preseed: str = None
    faults: tuple = ()
    control: bool = False
    sigint_delay_s: float = None
    hiltest_seed: int = 0
    suite: dict = None
    generator_error: str = None


def make_plan(args, index, images, validator):
    plan = Plan(index, run_seed(args.seed, index))
    rng = random.Random(plan.seed)
    plan.firmware = rng.choice(FIRMWARES)
    if rng.random() < args.preseed_share:
        plan.preseed = rng.choice([f for f in FIRMWARES if f != plan.firmware])
    try:
        generated = generate(rng, index, images, plan.firmware, plan.preseed)
    except Exception as e:  # a generator bug: reported as such, never as a hiltest problem
        plan.generator_error = f"generator raised {type(e).__name__}: {e}"
        plan.suite = {"name": f"campaign-{index}", "generator_error": plan.generator_error}
        return plan
    plan.control = rng.random() < args.control_share
    plan.faults = () if plan.control else tuple(fault_set(rng, generated.commands, generated.sim_ms))
    if plan.faults or rng.random() < 0.3:
        generated.suite["simulated_board"]["faults"] = list(plan.faults)
    if rng.random() < args.sigint_share:
        plan.sigint_delay_s = rng.random() * args.sigint_window_ms / 1000.0
    plan.hiltest_seed = rng.getrandbits(32)
    plan.suite = generated.suite
    try:
        validator.check(plan.suite)
    except GeneratorError as e:
        plan.generator_error = str(e)
    return plan


def judge_execution(execution, suite, faults, image, sigint_sent, tools):
    record = RunRecord(suite=suite, faults=list(faults), control=not faults, link_only=is_link_only(faults),
                       returncode=execution.returncode, timed_out=execution.timed_out, stdout=execution.stdout,
                       stderr=execution.stderr, report_dir=execution.report_dir, flash_state=execution.flash_state,
                       image=image, sigint_sent=sigint_sent)
    if execution.sigint_at_s is not None:
        record.extra["sigint_margin_s"] = execution.wall_s - execution.sigint_at_s
    return judge(record, tools), record.extra


def execute_plan(plan, args, images, tools, out_dir):
    folder = os.path.join(out_dir, "runs", f"{plan.index:05d}")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    write_json(os.path.join(folder, "suite.json"), plan.suite)
    result = {"plan": plan, "problems": [], "wall_s": 0.0, "folder": folder, "sigint": False}
    if plan.generator_error:
        result["problems"].append(("generator", plan.generator_error))
        return result
    flash_state = os.path.join(folder, "flash-state.bin")
    if plan.preseed:
        write_json(os.path.join(folder, "preseed.json"), preseed_suite(plan.preseed))
        command = hiltest_command(args.hiltest, os.path.join(folder, "preseed.json"), os.path.join(folder, "preseed-reports"),
                                  flash_state, plan.hiltest_seed ^ 1, args.firmware_dir)
        execution = run_hiltest(command, command[4], flash_state, args.timeout_s)
        save_execution(execution, folder, "preseed")
        problems, _ = judge_execution(execution, preseed_suite(plan.preseed), (), images.get(plan.preseed)[2], False, tools)
        for problem in problems:
            result["problems"].append((problem.category, "preseed run: " + problem.detail))
        result["wall_s"] += execution.wall_s
    command = hiltest_command(args.hiltest, os.path.join(folder, "suite.json"), os.path.join(folder, "reports"),
                              flash_state, plan.hiltest_seed, args.firmware_dir)
    execution = run_hiltest(command, command[4], flash_state, args.timeout_s, plan.sigint_delay_s)
    save_execution(execution, folder, "run")
    result["sigint"] = execution.sigint_at_s is not None
    result["main_wall_s"] = execution.wall_s
    result["wall_s"] += execution.wall_s
    result["returncode"] = execution.returncode
    problems, extra = judge_execution(execution, plan.suite, plan.faults, images.get(plan.firmware)[2],
                                      result["sigint"], tools)
    result["interrupted"] = extra.get("interrupted", False)
    for problem in problems:
        result["problems"].append((problem.category, problem.detail))
    if result["problems"]:
        with open(os.path.join(folder, "problems.txt"), "w") as f:
            f.write("".join(f"{category}: {detail}\n" for category, detail in result["problems"]))
    elif not args.keep_all:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def repro_command(args, index):
    return (f"{os.path.relpath(os.path.join(ROOT, 'ci', 'campaign', 'run'))} --hiltest {args.hiltest} "
            f"--firmware-dir {args.firmware_dir} --seed {args.seed} --timeout-s {args.timeout_s:g} --only {index}")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="ci/campaign/run", description=(
        "Seeded fault campaign: random suites on the simulated board with random injected faults, "
        "each run judged independently of hiltest's own claims (ci/campaign/README.md)."))
    parser.add_argument("--hiltest", required=True, help="the hiltest binary to judge")
    parser.add_argument("--firmware-dir", required=True, help="folder with the fixtures' .elf/.bin/.hex")
    parser.add_argument("--runs", type=int, default=100, help="number of runs (default 100)")
    parser.add_argument("--seed", type=int, help="campaign seed (default: random, printed)")
    parser.add_argument("--jobs", type=int, default=2, help="runs in parallel (default 2)")
    parser.add_argument("--out", help="where bad runs are kept (default: a new temporary folder)")
    parser.add_argument("--timeout-s", type=float, default=60.0, help="wall-clock limit per hiltest run (default 60)")
    parser.add_argument("--only", help="run only these run numbers, e.g. 137 or 3,17,137 (reproduction)")
    parser.add_argument("--control-share", type=float, default=0.1, help="share of fault-free runs (default 0.1)")
    parser.add_argument("--preseed-share", type=float, default=0.3,
                        help="share of runs whose flash first gets another image (default 0.3)")
    parser.add_argument("--sigint-share", type=float, default=0.05, help="share of runs sent SIGINT (default 0.05)")
    parser.add_argument("--sigint-window-ms", type=float, default=60.0,
                        help="SIGINT comes up to this long after hiltest's first output line (default 60)")
    parser.add_argument("--keep-all", action="store_true", help="keep the folders of good runs too")
    args = parser.parse_args(argv)
    args.hiltest = os.path.abspath(args.hiltest)
    args.firmware_dir = os.path.abspath(args.firmware_dir)
    if not os.access(args.hiltest, os.X_OK):
        parser.error(f"--hiltest {args.hiltest}: not an executable")
    missing = [f for f in FIRMWARES if not os.path.isfile(os.path.join(args.firmware_dir, f + ".bin"))]
    if missing:
        parser.error(f"--firmware-dir {args.firmware_dir}: no {', '.join(m + '.bin' for m in missing)}")
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1 << 32)
    return args


def main(argv):
    args = parse_args(argv)
    print(f"campaign seed {args.seed}", flush=True)
    indices = [int(i) for i in args.only.split(",")] if args.only else list(range(args.runs))
    out_dir = os.path.abspath(args.out) if args.out else tempfile.mkdtemp(prefix="hiltest-campaign-")
    os.makedirs(out_dir, exist_ok=True)
    print(f"bad runs are kept in {out_dir}", flush=True)
    images = Images(args.firmware_dir)
    validator = SuiteValidator(os.path.join(ROOT, "docs", "suite.schema.json"))
    tools = ReportTools(ROOT)
    results = []
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(lambda i=i: execute_plan(make_plan(args, i, images, validator), args, images, tools, out_dir))
                   for i in indices]
        for done, future in enumerate(as_completed(futures), 1):
            result = future.result()
            results.append(result)
            if result["problems"]:
                plan = result["plan"]
                print(f"BAD run {plan.index} ({plan.firmware}{', preseed ' + plan.preseed if plan.preseed else ''}; "
                      f"faults {list(plan.faults) or 'none'}{'; SIGINT' if result['sigint'] else ''}):", flush=True)
                for category, detail in result["problems"]:
                    print(f"    {category}: {detail}", flush=True)
                print(f"    reproduce: {repro_command(args, plan.index)}", flush=True)
                print(f"    kept: {result['folder']}", flush=True)
            if done % 100 == 0:
                print(f"... {done}/{len(indices)} runs, {time.monotonic() - start:.0f} s", flush=True)
    results.sort(key=lambda r: r["plan"].index)
    bad = print_summary(results, time.monotonic() - start, kind_of)
    print(f"bad runs are kept in {out_dir}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
