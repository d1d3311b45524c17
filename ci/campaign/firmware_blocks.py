"""Step blocks for what each fixture firmware does (fixtures/firmware/README.md is the
reference; the numbers below are the ones it documents). Same contract as common_blocks.py:
look at the BoardState, emit steps, return True; or return False when the block does not apply."""
from common_blocks import run_until

GPIOC_CRH = 0x40011004
RCC_CFGR = 0x40021004
FLASH_ACR = 0x40022000
SYST_RVR = 0xE000E014
AFIO_MAPR = 0x40010004
TICKS = 0x20000000  # idle_wfi's static `ticks`: a local symbol, so by address


def running_for(st, ms):
    """The program runs and has run at least `ms` since its reset vector."""
    return st.core == "running" and st.started and st.run_lo >= ms and not st.locked


def interval(st, lo, hi):
    """interval_ms for a `changes` check, or None to inherit defaults.changes_interval_ms when
    that default is in range."""
    default = st.default_interval
    if default is not None and lo <= default <= hi and st.rng.random() < 0.5:
        return None
    return st.rng.randint(lo, hi)


def changes(st, where, direction, lo, hi, width=32):
    ms = interval(st, lo, hi)
    step = {"do": "expect_memory", **where, **st.width_keys(width)}
    step["changes"] = direction
    if ms is not None:
        step["interval_ms"] = ms
    ms = ms if ms is not None else st.default_interval
    st.emit(step, st.timed(ms) + 2, ms)


def equals(st, where, value, width=32, mask=None):
    step = {"do": "expect_memory", **where, **st.width_keys(width), "equals": st.number(value, width)}
    if mask is not None:
        step["mask"] = st.number(mask, width)
    st.emit(step, 2)


def expect_blink(st):
    rng = st.rng
    step = {"do": "expect_blink", "pin": rng.choice(["PC13", "pc13"]), "frequency_hz": rng.choice([1, 1.0])}
    tolerance = st.default_tolerance
    if tolerance is None or tolerance < 10 or rng.random() < 0.5:
        step["tolerance_percent"] = rng.choice([10, 15, 20, 25])
    window = None if rng.random() < 0.2 else rng.choice([2000, 2500, 3000, 4000])
    if window is not None:
        step["window_ms"] = window
    ms = window or 4000
    st.emit(step, st.timed(ms), ms)


# --- blink_systick ----------------------------------------------------------------------------
def systick_clock(st):
    if not running_for(st, 50):
        return False
    pick = st.rng.choice(["variable", "sws", "latency", "reload"])
    if pick == "variable":
        equals(st, st.location("system_clock_hz"), 72000000)
    elif pick == "sws":  # SWS = PLL
        equals(st, st.address(RCC_CFGR), 0x8, mask=0xC)
    elif pick == "latency":  # two wait states
        equals(st, st.address(FLASH_ACR), 0x2, mask=0x7)
    else:  # SysTick every 1 ms at 72 MHz
        equals(st, st.address(SYST_RVR), 71999)
    return True


def systick_uptime(st):
    if not running_for(st, 50):
        return False
    if st.rng.random() < 0.6:
        changes(st, st.location("uptime_ms"), st.rng.choice(["increases", "any"]), 20, 300)
    else:
        low = int(max(0.0, st.run_lo - 60) * 0.95)
        st.emit({"do": "expect_memory", **st.location("uptime_ms"), **st.width_keys(32),
                 "min": st.number(low), "max": st.number(low + 10_000_000)}, 2)
    return True


def blink_counter(st):
    """blink_count grows once per 500 ms toggle: an interval over 500 ms must see it grow."""
    ready = 50 if st.fw == "blink_systick" else 10
    if not running_for(st, ready):
        return False
    changes(st, st.location("blink_count"), "increases", 600, 1200)
    return True


def blinks(st):
    ready = 50 if st.fw == "blink_systick" else 10
    if not running_for(st, ready):
        return False
    expect_blink(st)
    return True


def led_config(st):
    ready = 50 if st.fw == "blink_systick" else 10
    if not (st.started and st.run_lo >= ready and not st.locked):
        return False
    equals(st, st.address(GPIOC_CRH), 0x00200000, mask=0x00F00000)
    return True


def led_on_before_first_toggle(st):
    ready = 50 if st.fw == "blink_systick" else 10
    if not running_for(st, ready) or st.run_hi > 400:
        return False
    st.emit({"do": "expect_pin", "pin": "PC13", "level": "low"}, 3)
    return True


def systick_handler(st):
    if not running_for(st, 50):
        return False
    run_until(st, "SysTick_Handler")
    st.emit({"do": "expect_register", "register": "pc", "equals": st.number(st.symbols["SysTick_Handler"][0])}, 6)
    st.emit({"do": "expect_register", "register": "xpsr", "mask": st.number(0x1FF), "equals": 15}, 6)
    st.at = None
    if st.rng.random() < 0.7:
        st.emit({"do": "resume"}, 3)
        st.core = "running"
    return True


def blink_at_main(st):
    if st.at != "main":
        return False
    if st.fw == "blink_systick":
        equals(st, st.location("system_clock_hz"), 8000000)
        equals(st, st.location("uptime_ms"), 0)
    equals(st, st.location("blink_count"), 0)
    if not st.clocks_on:  # GPIOC's clock is still off: IDR reads 0
        st.emit({"do": "expect_pin", "pin": "PC13", "level": "low"}, 3)
    return True


def blink_delay_count(st):
    if not (st.fw == "blink_delay" and st.started and st.run_lo >= 1100 and not st.locked):
        return False
    st.emit({"do": "expect_memory", **st.location("blink_count"), **st.width_keys(32),
             "min": st.number(int(st.run_lo / 510) - 1), "max": st.number(1_000_000)}, 2)
    return True


# --- counter ----------------------------------------------------------------------------------
def counter_block(st, offset):
    return st.location("counter_block", offset)


def counter_fixed(st):
    if not (st.started or st.at == "main") or st.locked:
        return False
    if st.rng.random() < 0.5:
        equals(st, counter_block(st, 0), 0x48494C54)
    else:
        equals(st, counter_block(st, 4), 1)
    if st.rng.random() < 0.3:  # "HILT" read as bytes
        equals(st, counter_block(st, 3), 0x48, width=8)
    return True


def counter_at_main(st):
    if st.at != "main":
        return False
    for offset in st.rng.sample([8, 12, 16], st.rng.randint(1, 3)):
        equals(st, counter_block(st, offset), 0)
    return True


def counter_counts(st):
    if not running_for(st, 0):
        return False
    changes(st, counter_block(st, 8), st.rng.choice(["increases", "any"]), 1, 50)
    return True


def counter_input(st):
    if not st.started or st.at == "reset" or st.locked:
        return False
    value = st.rng.randint(0, 16)
    st.emit({"do": "write", **counter_block(st, 12), **st.width_keys(32), "value": st.number(value)}, 3)
    st.counter_input = value
    if st.core == "halted":
        st.emit({"do": "resume"}, 3)
        st.resume()
    ms = st.rng.randint(1, 5)
    st.emit({"do": "wait", "ms": ms}, st.timed(ms), ms)
    equals(st, counter_block(st, 16), ~value & 0xFFFFFFFF)
    return True


def counter_output(st):
    if not running_for(st, 1):
        return False
    equals(st, counter_block(st, 16), ~st.counter_input & 0xFFFFFFFF)
    return True


# --- hardfault --------------------------------------------------------------------------------
def hardfault_faulted(st):
    if not (st.started and st.run_lo >= 1 and not st.locked):
        return False
    rng = st.rng
    step = {"do": "expect_fault", "fault": "hardfault"}
    cause = rng.choice([None, "DIVBYZERO", "FORCED"])
    if cause:
        step["cause"] = cause
    st.emit(step, 4)
    for name, value in rng.sample([("fault_cfsr", 0x02000000), ("fault_hfsr", 0x40000000), ("fault_count", 1),
                                   ("fault_pc", st.symbols["provoke_fault"][0]), ("divisor", 0)], rng.randint(1, 3)):
        equals(st, st.location(name), value)
    if rng.random() < 0.5:  # in the HardFault handler: IPSR = 3
        st.emit({"do": "expect_register", "register": "xpsr", "mask": st.number(0x1FF), "equals": 3}, 6)
    return True


def hardfault_before(st):
    if st.core != "halted" or st.at not in ("reset", "main"):
        return False
    run_until(st, "provoke_fault")
    st.emit({"do": "expect_register", "register": "pc", "equals": st.number(st.symbols["provoke_fault"][0])}, 6)
    st.emit({"do": "expect_register", "register": "r0", "equals": 100}, 6)
    st.emit({"do": "expect_register", "register": "r1", "equals": 0}, 6)
    return True


# --- semihost_hello ---------------------------------------------------------------------------
HELLO = "Hello from the Blue Pill"


def hello_output(st):
    if st.locked:
        return False
    rng = st.rng
    fresh_start = st.started and not st.sh_exited and not st.sh_hello and st.core == "running"
    if not (fresh_start or st.sh_hello):
        return False
    if rng.random() < 0.6:
        step = {"do": "expect_output", "contains": rng.choice([HELLO, "Blue Pill", "Hello"])}
    else:
        step = {"do": "expect_output", "matches": rng.choice(["Hello from the [A-Za-z ]+", "Blue Pill\\n", "^Hello"])}
    if rng.random() < 0.6:
        step["timeout_ms"] = rng.choice([1000, 2000, 3000])
    st.emit(step, 20, 20)
    return True


def hello_done(st):
    if st.locked:
        return False
    if st.at == "main":
        equals(st, st.location("hello_done"), 0)
        return True
    if st.sh_hello_run:
        equals(st, st.location("hello_done"), 1)
        if st.rng.random() < 0.5:  # a wait services the SYS_EXIT
            st.emit({"do": "wait", "ms": 20}, st.timed(20), 20)
            st.sh_exited = True
            st.core = "halted"
        return True
    return False


# --- idle_wfi ---------------------------------------------------------------------------------
def idle_ticks(st):
    if st.locked:
        return False
    if st.at == "main":
        equals(st, st.address(TICKS), 0)
        return True
    if running_for(st, 0) and st.run_hi < 700:
        changes(st, st.address(TICKS), "increases", 20, 150)
        return True
    if st.started and st.at is None and st.run_lo >= 1050:  # exited at ticks == 1000
        st.emit({"do": "expect_memory", **st.address(TICKS), **st.width_keys(32), "min": 1000, "max": 1001}, 2)
        return True
    if running_for(st, 0) and st.run_hi < 900:  # let it run to its SYS_EXIT
        ms = st.rng.choice([1100, 1200, 1500])
        st.emit({"do": "wait", "ms": ms}, st.timed(ms), ms)
        return True
    return False


# --- swd_lockout ------------------------------------------------------------------------------
def lockout_recover(st):
    """SWD is off: the next step loses the target and hiltest reconnects under reset (the
    documented recovery). A reconnect that resets the target ends the test as `error` unless
    the step itself resets or flashes (runner/session/step_recovery.hpp), so on a fault-free
    board only a reset gets past a lockout."""
    if not st.locked:
        return False
    halt = st.rng.random() < 0.8
    st.emit({"do": "reset", "mode": "halt" if halt else "run"}, 40)
    st.locked = False
    st.after_reset(halt)  # `run` starts the firmware again, which locks SWD again
    return True


def lockout_swj(st):
    if st.locked or st.core != "halted" or (st.started and st.at != "board_early_init"):
        return False
    equals(st, st.address(AFIO_MAPR), 0, mask=0x07000000)
    if st.rng.random() < 0.5:
        st.emit({"do": "expect_memory", **st.location("board_early_init"), "width": 16,
                 "min": 0, "max": st.number(0xFFFF)}, 2)
    return True


def lockout_early_init(st):
    if st.locked or st.core != "halted" or st.at != "reset":
        return False
    run_until(st, "board_early_init")
    st.emit({"do": "expect_register", "register": "pc", "equals": st.number(st.symbols["board_early_init"][0])}, 6)
    return True


FIRMWARE_BLOCKS = {
    "blink_systick": [(systick_clock, 1.0), (systick_uptime, 1.0), (blink_counter, 0.6), (blinks, 1.2),
                      (led_config, 0.5), (led_on_before_first_toggle, 0.5), (systick_handler, 0.5),
                      (blink_at_main, 1.0)],
    "blink_delay": [(blink_counter, 0.8), (blinks, 1.5), (led_config, 0.6), (led_on_before_first_toggle, 0.5),
                    (blink_at_main, 1.0), (blink_delay_count, 0.6)],
    "counter": [(counter_fixed, 1.0), (counter_at_main, 1.0), (counter_counts, 1.0), (counter_input, 1.0),
                (counter_output, 0.6)],
    "hardfault": [(hardfault_faulted, 1.5), (hardfault_before, 1.0)],
    "semihost_hello": [(hello_output, 1.5), (hello_done, 1.0)],
    "idle_wfi": [(idle_ticks, 1.5)],
    "swd_lockout": [(lockout_recover, 100.0), (lockout_swj, 1.0), (lockout_early_init, 1.0)],
}
