"""Step blocks that hold for every fixture firmware: chip identity, flash content, core
registers, pins driven by the bench, halting, stepping, waiting, resets. Each block looks at the
BoardState, emits its steps and returns True, or returns False when it does not apply.
The firmware-specific blocks are in firmware_blocks.py."""
from board_state import FLASH_BASE, INITIAL_SP

RCC_APB2ENR = 0x40021018
GPIO_CLOCKS = 0x1D  # AFIOEN | IOPAEN | IOPBEN | IOPCEN: a superset of what any fixture enables
DBGMCU_IDCODE = 0xE0042000
CPUID = 0xE000ED00
FLASH_SIZE_REG = 0x1FFFF7E0
NO_STEP_FIRMWARE = {"semihost_hello", "idle_wfi", "swd_lockout"}  # BKPT calls, SWD switched off


def linked(st):
    return not st.locked


def chip_ids(st):
    if not linked(st):
        return False
    rng = st.rng
    picks = rng.sample(["idcode", "idcode_masked", "cpuid", "flash_size"], rng.randint(1, 2))
    for pick in picks:
        if pick == "idcode":  # STM32F103 medium density (0x410), revision Y (0x2003)
            st.emit({"do": "expect_memory", **st.address(DBGMCU_IDCODE), **st.width_keys(32),
                     "equals": st.number(0x20036410)}, 2)
        elif pick == "idcode_masked":
            st.emit({"do": "expect_memory", **st.address(DBGMCU_IDCODE), **st.width_keys(32),
                     "equals": st.number(0x410), "mask": st.number(0xFFF)}, 2)
        elif pick == "cpuid":  # Cortex-M3 r1p1
            st.emit({"do": "expect_memory", **st.address(CPUID), **st.width_keys(32),
                     "equals": st.number(0x411FC231)}, 2)
        else:  # 64 KB flash
            st.emit({"do": "expect_memory", **st.address(FLASH_SIZE_REG), "width": 16,
                     "equals": st.number(64, 16)}, 2)
    return True


def flash_content(st):
    """A value of the image as flash must now hold it, read back through the probe."""
    if not linked(st) or not st.flashed:
        return False
    rng = st.rng
    for _ in range(rng.randint(1, 3)):
        width = rng.choice([8, 16, 32, 32])
        in_flash = [n for n, (a, s) in st.symbols.items()
                    if FLASH_BASE <= a < FLASH_BASE + len(st.image) and s >= width // 8]
        size_bytes = width // 8
        name = rng.choice(in_flash) if in_flash and rng.random() < 0.6 else None
        if name:  # an aligned access inside the symbol
            address, size = st.symbols[name]
            first = -(-address // size_bytes) * size_bytes
            aligned = list(range(first, address + size - size_bytes + 1, size_bytes))
            name = name if aligned else None
        if name:
            offset = rng.choice(aligned) - address
            where = st.location(name, offset)
            image_offset = address + offset - FLASH_BASE
        else:
            image_offset = rng.randrange(0, len(st.image) - 4, 4)
            where = st.address(FLASH_BASE + image_offset)
        value = st.image_value(image_offset, width)
        step = {"do": "expect_memory", **where, **st.width_keys(width)}
        mode = rng.random()
        if mode < 0.6:
            step["equals"] = st.number(value, width)
        elif mode < 0.8:
            mask = rng.getrandbits(width) | 1
            step["equals"] = st.number(value & mask, width)
            step["mask"] = st.number(mask, width)
        else:
            step["min"] = st.number(max(0, value - rng.randint(0, 5)), width)
            step["max"] = st.number(min((1 << width) - 1, value + rng.randint(0, 5)), width)
        st.emit(step, 2)
    return True


def registers_at_reset(st):
    """Halted at the reset vector: PC = Reset_Handler, SP = the vector table's initial SP, and
    r0-r12 carry nothing yet, so writing one cannot disturb the firmware."""
    if not linked(st) or st.core != "halted" or st.at != "reset":
        return False
    rng = st.rng
    st.emit({"do": "expect_register", "register": rng.choice(["pc", "PC", "r15"]),
             "equals": st.number(st.symbols["Reset_Handler"][0])}, 6)
    st.emit({"do": "expect_register", "register": rng.choice(["sp", "msp", "r13"]),
             "equals": st.number(INITIAL_SP)}, 6)
    if rng.random() < 0.5:
        st.emit({"do": "expect_register", "register": "xpsr", "mask": st.number(0x010001FF),
                 "equals": st.number(0x01000000)}, 6)
    if rng.random() < 0.6:
        register = f"r{rng.randint(0, 12)}"
        value = rng.getrandbits(32)
        st.emit({"do": "write", "register": register.upper() if rng.random() < 0.2 else register,
                 "value": st.number(value)}, 6)
        st.emit({"do": "expect_register", "register": register, "equals": st.number(value)}, 6)
    return True


def registers_halted(st):
    if not linked(st) or st.core != "halted":
        return False
    rng = st.rng
    st.emit({"do": "expect_register", "register": "pc", **st.in_flash()}, 6)
    if rng.random() < 0.5:
        st.emit({"do": "expect_register", "register": rng.choice(["sp", "msp"]),
                 "min": st.number(0x20004000), "max": st.number(INITIAL_SP)}, 6)
    if rng.random() < 0.5:  # no fixture touches the mask registers or CONTROL
        st.emit({"do": "expect_register", "register": rng.choice(["primask", "basepri", "faultmask", "control"]),
                 "equals": 0}, 6)
    return True


def step_halted(st):
    if not linked(st) or st.core != "halted" or st.fw in NO_STEP_FIRMWARE:
        return False
    if st.at in ("reset", "early"):
        # Still in the startup code: a few instructions only, so that main (and hardfault's
        # division) is not reached; "early" is neither the reset vector nor a started program.
        count = st.rng.choice([None, 1, 2, 3])
        if st.early_steps + (count or 1) > 6:
            return False
        st.early_steps += count or 1
        at = "early"
    elif st.fw == "hardfault" and not st.started:
        return False  # at main or provoke_fault: stepping would take the fault mid-block
    else:
        count = st.rng.choice([None, 1, 2, 5, 10, 20])
        at = None
    step = {"do": "step"}
    if count is not None:
        step["count"] = count
    st.emit(step, 4 * (count or 1) + 4)
    st.at = at
    if st.rng.random() < 0.6:
        st.emit({"do": "expect_register", "register": "pc", **st.in_flash()}, 6)
    return True


def no_fault(st):
    """No fault status bit: only after a reset (an image flashed over may have faulted at
    power-on) and not once hardfault has run into its fault."""
    if not linked(st) or not st.fresh:
        return False
    if st.fw == "hardfault" and st.at not in ("reset", "early", "main", "provoke_fault"):
        return False
    st.emit({"do": "expect_fault", "fault": "none"}, 4)
    return True


def input_pins(st):
    """Levels the bench drives (simulated_board.inputs), read from GPIO IDR with the port
    clocks on (a GPIO port without its clock reads 0)."""
    if not linked(st) or not st.inputs:
        return False
    if not st.clocks_on:
        st.emit({"do": "write", **st.address(RCC_APB2ENR), **st.width_keys(32), "value": st.number(GPIO_CLOCKS)}, 3)
        st.clocks_on = True
    pins = st.rng.sample(sorted(st.inputs), st.rng.randint(1, len(st.inputs)))
    for pin in pins:
        name = pin if st.rng.random() < 0.8 else pin.lower()
        st.emit({"do": "expect_pin", "pin": name, "level": st.inputs[pin]}, 3)
    return True


def wait(st):
    if not linked(st):
        return False
    ms = st.rng.choice([1, 5, 10, 20, 50, 100, 200, 300])
    st.emit({"do": "wait", "ms": ms}, st.timed(ms), ms)
    return True


def halt_and_resume(st):
    if not linked(st) or st.core != "running":
        return False
    st.emit({"do": "halt"}, 3)
    st.halt()
    if st.rng.random() < 0.5:
        registers_halted(st)
    if st.rng.random() < 0.3:
        step_halted(st)
    if st.can_resume() and st.rng.random() < 0.8:
        st.emit({"do": "resume"}, 3)
        st.resume()
    return True


def resume(st):
    if not linked(st) or not st.can_resume():
        return False
    st.emit({"do": "resume"}, 3)
    st.resume()
    return True


def emit_reset(st, halt, run_share):
    """A `reset` step: "halt", else "run" spelled out (`run_share` of the time) or left to the
    default."""
    step = {"do": "reset"}
    if halt:
        step["mode"] = "halt"
    elif st.rng.random() < run_share:
        step["mode"] = "run"
    st.emit(step, 11)
    st.after_reset(halt)


def reset(st):
    """A reset: run, or halt (then perhaps on to main)."""
    if not linked(st):
        return False
    rng = st.rng
    halt = rng.random() < 0.5 or (st.fw == "semihost_hello" and st.sh_exited)
    emit_reset(st, halt, run_share=0.5)
    if halt and st.fw != "swd_lockout" and rng.random() < 0.6:
        run_until(st, "main")
    return True


def run_until(st, symbol):
    step = {"do": "run_until", **st.location(symbol)}
    if st.rng.random() < 0.7:
        step["timeout_ms"] = st.rng.choice([1000, 2000, 3000])
    st.emit(step, 10, 1)
    if st.at in ("reset", "early"):
        st.started = True
        st.run_lo = st.run_hi = 0.0
    st.core = "halted"
    st.at = symbol
    return True


COMMON_BLOCKS = [
    (chip_ids, 1.0), (flash_content, 1.5), (registers_at_reset, 1.0), (registers_halted, 0.7),
    (step_halted, 0.7), (no_fault, 0.8), (input_pins, 1.0), (wait, 0.8), (halt_and_resume, 1.0),
    (resume, 0.8), (reset, 0.5),
]
