"""Random suites (docs/suite-format.md) for the fixture firmware that pass on a fault-free
simulated board. The state model is in board_state.py, the steps in common_blocks.py and
firmware_blocks.py; this module assembles tests, dependencies and the suite-level settings."""
import json
import os
from dataclasses import dataclass

import jsonschema

from board_state import CONNECT_COMMANDS, BoardState
from common_blocks import COMMON_BLOCKS, emit_reset, linked, reset, run_until
from elf_symbols import read_symbols
from firmware_blocks import FIRMWARE_BLOCKS

FIRMWARES = ["blink_systick", "blink_delay", "counter", "semihost_hello", "hardfault", "swd_lockout", "idle_wfi"]
INPUT_PINS = ["PA0", "PA8", "PB12"]
SKIP_REASONS = ["waiting for the new board revision", "flaky on the bench, issue #12", "not yet"]
NAME_WORDS = ["checks", "runs", "still alive", "after reset", "µs timing ±", "ünïcode", "pins & regs", "<xml> \"quoted\""]


class GeneratorError(Exception):
    """The generator wrote a suite the schema rejects: a bug of the campaign, not of hiltest."""


@dataclass
class GeneratedSuite:
    suite: dict
    firmware: str
    commands: int      # estimated USB commands of a fault-free run
    sim_ms: int        # estimated simulated duration of a fault-free run
    needs_nrst: bool   # the suite relies on connecting under reset


class Images:
    """The fixtures' symbols and flat images, read once per firmware folder."""

    def __init__(self, firmware_dir):
        self.dir = firmware_dir
        self.cache = {}

    def get(self, firmware):
        if firmware not in self.cache:
            symbols, global_names = read_symbols(os.path.join(self.dir, firmware + ".elf"))
            with open(os.path.join(self.dir, firmware + ".bin"), "rb") as image:
                self.cache[firmware] = (symbols, global_names, image.read())
        return self.cache[firmware]


def pick_weighted(rng, blocks, st):
    """Tries the applicable blocks in a weighted random order; True once one emitted steps."""
    pool = list(blocks)
    while pool:
        total = sum(weight for _, weight in pool)
        x = rng.random() * total
        for i, (block, weight) in enumerate(pool):
            x -= weight
            if x <= 0:
                break
        block, _ = pool.pop(i)
        if block(st):
            return True
    return False


def get_going(st):
    """Lets a halted program run, or a young one run long enough for the timed checks."""
    if st.locked:
        return False
    if st.core == "halted" and st.can_resume():
        st.emit({"do": "resume"}, 3)
        st.resume()
        if st.locked:  # swd_lockout switched SWD off: only a reset gets past that
            return True
    if st.core == "running" and st.run_lo < 60 and not st.may_have_exited():
        ms = st.rng.choice([60, 100, 150])
        st.emit({"do": "wait", "ms": ms}, st.timed(ms), ms)
        return True
    return False


def fresh_start(st):
    """A reset, so that the test does not rely on what the tests before it left behind (the
    greeting of the run before the reset included: expect_output no longer sees it)."""
    if st.locked:
        st.emit({"do": "reset", "mode": "halt"}, 40)
        st.locked = False
        st.after_reset(True)
    else:
        reset(st)


def reflash(st):
    """Flash the same image again (every page unchanged), then reset."""
    if not linked(st) or st.rng.random() < 0.5:
        return False
    st.emit({"do": "flash"}, 45, 60)
    st.core, st.at = "halted", None
    return reset(st)


def setup_steps(st):
    rng = st.rng
    flash = {"do": "flash"}
    if rng.random() < 0.15:
        flash["verify"] = False
    elif rng.random() < 0.2:
        flash["verify"] = True
    st.emit(flash, 50, 80)
    st.flashed = True
    halt = rng.random() < 0.5
    emit_reset(st, halt, run_share=0.7)
    if halt and rng.random() < 0.6:
        run_until(st, "board_early_init" if st.fw == "swd_lockout" else "main")
    elif not halt and not st.locked and rng.random() < 0.5:
        ms = rng.choice([20, 50, 100])
        st.emit({"do": "wait", "ms": ms}, st.timed(ms), ms)


def test_steps(st, blocks):
    rng = st.rng
    if rng.random() < 0.35:
        get_going(st)
    for _ in range(rng.randint(1, 4)):
        pick_weighted(rng, blocks, st)
    if not st.steps:  # nothing applied (e.g. a program that exited): something always holds
        pick_weighted(rng, [(b, 1.0) for b in (COMMON_BLOCKS[0][0], COMMON_BLOCKS[1][0])] + [(reset, 1.0)], st)
    if not st.steps:
        blocks_for_locked = FIRMWARE_BLOCKS["swd_lockout"][:1]
        pick_weighted(rng, blocks_for_locked, st)


def connection_settings(rng, needs_nrst):
    settings = {}
    if rng.random() < 0.45:
        return settings  # the defaults: auto, 1800 kHz, 3 retries, 100 ms backoff
    modes = ["auto", "under-reset"] if needs_nrst else ["auto", "auto", "normal", "under-reset"]
    if rng.random() < 0.7:
        settings["mode"] = rng.choice(modes)
    if rng.random() < 0.4:
        settings["swd_khz"] = rng.choice([4000, 1800, 950, 480, 240, 100])
    if rng.random() < 0.6:
        settings["retries"] = rng.randint(0, 5)
    if needs_nrst and settings.get("mode", "auto") == "auto" and settings.get("retries", 3) == 0:
        # In auto mode the first attempt is a plain one and retries 0 allows only that one
        # (probe/connect/connect_plan.hpp): a locked-out board then cannot be reached.
        settings["retries"] = rng.randint(1, 5)
    if rng.random() < 0.5:
        settings["backoff_ms"] = rng.choice([0, 10, 50, 100, 200])
    if rng.random() < 0.2:  # hiltest rejects a maximum below backoff_ms
        settings["backoff_max_ms"] = max(settings.get("backoff_ms", 100), rng.choice([100, 500, 1000, 2000]))
    return settings


def generate(rng, index, images, firmware, preseed=None):
    symbols, global_names, image = images.get(firmware)
    fmt = rng.choices(["elf", "hex", "bin"], [8, 1, 1])[0]
    inputs = {}
    if rng.random() < 0.5:
        for pin in rng.sample(INPUT_PINS, rng.randint(1, len(INPUT_PINS))):
            inputs[pin] = rng.choice(["high", "low"])
    st = BoardState(rng, firmware, symbols, global_names, image, fmt == "elf", inputs)

    suite = {"$schema": "../docs/suite.schema.json"} if rng.random() < 0.3 else {}
    suite["name"] = f"campaign-{index}"
    if rng.random() < 0.5:
        suite["description"] = f"generated by ci/campaign for {firmware}"
    if rng.random() < 0.5:
        suite["target"] = rng.choice(["stm32f103c8", "STM32F103C8"])
    suite["probe"] = "sim"
    path = "${firmware_dir}/" + firmware + "." + fmt
    if fmt == "elf" and rng.random() < 0.7:
        suite["firmware"] = path
    else:
        suite["firmware"] = {"path": path}
        if rng.random() < 0.5:
            suite["firmware"]["format"] = fmt if rng.random() < 0.7 else "auto"
        if fmt == "bin" and rng.random() < 0.5:
            suite["firmware"]["load_address"] = st.number(0x08000000)

    needs_nrst = firmware == "swd_lockout" or preseed == "swd_lockout"
    connection = connection_settings(rng, needs_nrst)
    if connection:
        suite["connection"] = connection
    board = {}
    if inputs:
        board["inputs"] = inputs
    nrst_free = not needs_nrst and connection.get("mode") != "under-reset"
    if nrst_free and rng.random() < 0.15:
        board["nrst_wired"] = False
    elif rng.random() < 0.2:
        board["nrst_wired"] = True
    if rng.random() < 0.3:
        board["seed"] = rng.getrandbits(40)
    suite["simulated_board"] = board  # faults are added by the campaign

    if rng.random() < 0.3:
        defaults = {}
        if rng.random() < 0.5:
            defaults["step_timeout_ms"] = rng.choice([5000, 8000, 10000])
        if rng.random() < 0.3:
            defaults["test_timeout_ms"] = rng.choice([30000, 60000])
        if rng.random() < 0.4:
            defaults["memory_width"] = st.default_width = rng.choice([8, 16, 32])
        if rng.random() < 0.4:
            defaults["blink_tolerance_percent"] = st.default_tolerance = rng.choice([10, 15, 20])
        if rng.random() < 0.4:
            defaults["changes_interval_ms"] = st.default_interval = rng.choice([20, 50, 100, 200])
        suite["defaults"] = defaults

    blocks = COMMON_BLOCKS + FIRMWARE_BLOCKS[firmware] + [(get_going, 0.8), (reflash, 0.15)]
    tests = []
    for number in range(rng.randint(2, 6)):
        name = "flash and start" if number == 0 else f"t{number} {rng.choice(NAME_WORDS)}"
        test = {"name": name}
        if number == 0:
            setup_steps(st)
            test["steps"], st.steps = st.steps, []
        else:
            # A test relies on the flash tests before it, and either on the state the test
            # before it left (depends on it, hence on everything before) or on nothing else
            # (it starts with a reset). So on a fault-free board it passes, and under link
            # faults it only runs where its assumptions hold: a `failed` is then hiltest's.
            skipped = rng.random() < 0.06
            target = st.fork() if skipped else st
            earlier = [t for t in tests if "skip" not in t]  # a skipped test never passes
            depends = {t["name"] for t in earlier if any(s["do"] == "flash" for s in t["steps"])}
            if rng.random() < 0.6:
                depends.add(earlier[-1]["name"])
            else:
                fresh_start(target)
            test_steps(target, blocks)
            test["steps"], target.steps = target.steps, []
            if skipped:
                test["skip"] = rng.choice(SKIP_REASONS)
            test["depends_on"] = sorted(depends)
            if rng.random() < 0.1:
                test["timeout_ms"] = 60000
            if rng.random() < 0.1:
                test["description"] = "generated"
        tests.append(test)
    suite["tests"] = tests
    return GeneratedSuite(suite, firmware, int(CONNECT_COMMANDS + st.commands), int(20 + st.sim_ms), needs_nrst)


class SuiteValidator:
    def __init__(self, schema_path):
        with open(schema_path) as f:
            schema = json.load(f)
        self.validator = jsonschema.Draft202012Validator(schema)

    def check(self, suite):
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in self.validator.iter_errors(suite)]
        if errors:
            raise GeneratorError("generated suite is invalid: " + "; ".join(errors[:5]))
