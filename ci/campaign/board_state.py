"""What the generator knows about the simulated board while it writes a suite, assuming every
step before passes (on a fault-free board they do: the generator only asserts what
fixtures/firmware/README.md says the firmware does).

Time is tracked as bounds on how long the firmware has run since it started from its reset
vector: `run_lo` counts only the time the suite itself asks for (wait, intervals, windows), so
it never over-estimates; `run_hi` adds a generous allowance per step for the USB round trips
(a round trip is about 1 ms on the virtual ST-Link, a step a few to a few tens of them).
The cost model (USB commands and simulated milliseconds per step) was measured on the virtual
bench by moving `unplug@cmd=N` until it no longer changed the run: connect 16 commands,
flash of a 1 KiB image ~50, reset ~11, waiting or sampling ~0.5 commands per simulated ms.
"""
import copy

FLASH_BASE = 0x08000000
INITIAL_SP = 0x20005000
STEP_SLACK_MS = 40  # upper bound of the time one step's own USB traffic lets the core run
CONNECT_COMMANDS = 16
COMMANDS_PER_MS = 0.5


def lets_run(step):
    """Steps during which hiltest lets the core run and services its semihosting calls."""
    return step["do"] in ("wait", "expect_blink", "expect_output") or "changes" in step


class BoardState:
    def __init__(self, rng, firmware, symbols, global_names, image, use_symbols, inputs):
        self.rng = rng
        self.fw = firmware
        self.symbols = symbols          # name -> (address, size), from the ELF
        self.global_names = global_names  # names hiltest may look up (global/weak symbols)
        self.image = image              # the .bin: what flash holds from FLASH_BASE after flashing
        self.use_symbols = use_symbols  # False for HEX/BIN firmware: only addresses are known
        self.inputs = inputs            # pin -> "high"/"low" driven by the bench
        self.default_width = 32
        self.default_tolerance = None
        self.default_interval = None
        # The board
        self.flashed = False     # our image is in flash
        self.fresh = False       # reset since connecting: no stale fault state of another image
        self.core = "unknown"    # unknown (whatever flash held at power-on), running, halted
        self.started = False     # the program started from its reset vector since the last reset
        self.at = None           # where the core is halted: "reset", a symbol name, or None
        self.run_lo = 0.0
        self.run_hi = 0.0
        self.clocks_on = False   # our RCC_APB2ENR write (GPIO clocks) since the last reset
        self.locked = False      # swd_lockout runs: SWD is off until a reconnect under reset
        self.sh_exited = False   # hiltest saw the firmware's SYS_EXIT (it never services again)
        self.sh_hello = False    # the greeting is in the output of the firmware's current run
        self.sh_hello_run = False  # the program ran through its greeting since the last reset
        self.early_steps = 0     # instructions stepped from the reset vector (startup code)
        self.counter_input = 0
        # Output
        self.steps = []
        self.commands = 0.0
        self.sim_ms = 0.0

    def fork(self):
        """A copy for a test that is written but skipped: its steps must not change the state."""
        other = copy.copy(self)
        other.steps = []
        other.inputs = dict(self.inputs)
        return other

    # --- emitting steps -------------------------------------------------------------------
    def emit(self, step, commands, ms=0.0):
        """Appends a step that takes `ms` of simulated time it asks for and `commands` USB
        round trips; the core, if running, runs all that time."""
        if self.rng.random() < 0.08 and "name" not in step:
            step = dict(step, name=f"{step['do']} #{len(self.steps) + 1}")
        self.steps.append(step)
        if self.fw == "semihost_hello" and self.started and self.at is None and lets_run(step) and not self.sh_exited:
            # Once started, semihost_hello sits at its first BKPT within microseconds (halted or
            # not by us); whenever hiltest lets the core run it services the greeting and then
            # SYS_EXIT. After that hiltest never services a call again, not even after a reset
            # (its exit code stays set), so a second greeting is never expected.
            self.sh_hello = self.sh_exited = self.sh_hello_run = True
        self.commands += commands
        self.sim_ms += ms + commands * 1.1
        if self.core == "running":
            self.run_lo += ms
            self.run_hi += ms + STEP_SLACK_MS + commands * 1.5

    def timed(self, ms):
        return ms * COMMANDS_PER_MS + 4

    # --- values in the suite's number syntaxes ----------------------------------------------
    def number(self, value, width=32):
        choice = self.rng.random()
        if choice < 0.4:
            return value
        if choice < 0.75:
            return f"0x{value:0{width // 4}X}" if self.rng.random() < 0.5 else f"0x{value:x}"
        if choice < 0.85 and value < 1 << 16:
            return f"0b{value:b}"
        if choice < 0.93 and value >= 0x10000:
            digits = f"{value:08X}"
            return f"0x{digits[:4]}_{digits[4:]}"
        return str(value)

    def location(self, symbol, offset=0):
        """A memory location as {"symbol"[, "offset"]} when hiltest can look the name up, else
        as {"address"}."""
        address = self.symbols[symbol][0] + offset
        if self.use_symbols and symbol in self.global_names and self.rng.random() < 0.75:
            out = {"symbol": symbol}
            if offset:
                out["offset"] = offset
            return out
        return {"address": self.number(address)}

    def address(self, address):
        return {"address": self.number(address)}

    def width_keys(self, width):
        if width != self.default_width or self.rng.random() < 0.3:
            return {"width": width}
        return {}

    def image_value(self, offset, width):
        data = self.image[offset:offset + width // 8]
        return int.from_bytes(data, "little")

    # --- state changes --------------------------------------------------------------------
    def after_reset(self, halt):
        self.fresh = True
        self.clocks_on = False
        self.started = not halt
        self.core = "halted" if halt else "running"
        self.at = "reset" if halt else None
        self.run_lo = 0.0
        self.run_hi = 0.0
        self.counter_input = 0
        # expect_output sees only what the firmware printed since it last started.
        self.sh_hello = False
        self.sh_hello_run = False
        self.early_steps = 0
        if self.fw == "swd_lockout" and not halt:
            self.locked = True

    def resume(self):
        if self.at in ("reset", "early"):
            self.started = True
            self.run_lo = 0.0
            self.run_hi = 0.0
        self.core = "running"
        self.at = None
        # swd_lockout is only ever halted before its board_early_init has run (at reset, at
        # board_early_init, or after a reconnect under reset): resuming it switches SWD off.
        if self.fw == "swd_lockout":
            self.locked = True

    def halt(self):
        if self.core != "halted":
            self.at = None
        self.core = "halted"

    def may_have_exited(self):
        """semihost_hello and idle_wfi end with SYS_EXIT: once that may have happened the core
        sits at a BKPT and must not be resumed."""
        if self.fw == "semihost_hello":
            return self.sh_exited or (self.started and self.at is None)
        if self.fw == "idle_wfi":
            return self.started and self.at is None and self.run_hi >= 900
        return False

    def can_resume(self):
        return self.core == "halted" and not self.may_have_exited() and not (
            self.fw == "semihost_hello" and self.sh_exited)

    def in_flash(self):
        return {"min": self.number(FLASH_BASE), "max": self.number(FLASH_BASE + 0xFFFF)}
