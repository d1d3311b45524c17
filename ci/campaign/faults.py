"""Random fault sets for `simulated_board.faults`, in the virtual ST-Link's --fault syntax
(fixtures/bluepill/stlink/README.md), spread over the whole run: triggers are drawn from the
USB commands (`cmd=N`) and the simulated time (`t=…`) a fault-free run of the suite takes."""

LINK_ONLY = {"usb-timeout", "stall", "unplug", "swd-wait-storm", "swd-fault", "swd-noack", "parity-ber",
             "nrst-not-wired"}
POWER = {"power-loss", "brownout"}
KINDS = sorted(LINK_ONLY | POWER)
WEIGHTS = {"usb-timeout": 12, "stall": 10, "unplug": 12, "swd-wait-storm": 10, "swd-fault": 10, "swd-noack": 12,
           "parity-ber": 10, "power-loss": 8, "brownout": 8, "nrst-not-wired": 6}


def kind_of(spec):
    """"usb-timeout@cmd=3" -> "usb-timeout"; "parity-ber=1e-6" -> "parity-ber"."""
    return spec.split("@", 1)[0].split("=", 1)[0]


def is_link_only(specs):
    return bool(specs) and all(kind_of(spec) in LINK_ONLY for spec in specs)


def _trigger(rng, commands, sim_ms, allow_time=True):
    # Mostly by command number (exact and spread evenly); sometimes by time. A little past the
    # estimate too: estimates are rough, and a fault after the end must simply do nothing.
    if allow_time and rng.random() < 0.3:
        return f"t={rng.randint(0, int(sim_ms * 1.1))}ms"
    return f"cmd={rng.randint(1, max(2, int(commands * 1.1)))}"


def one_fault(rng, kind, commands, sim_ms):
    if kind == "usb-timeout":
        spec = f"usb-timeout@{_trigger(rng, commands, sim_ms)}"
        return spec + (f",count={rng.choice([1, 2, 3, 5, 10])}" if rng.random() < 0.5 else "")
    if kind == "stall":
        return f"stall@{_trigger(rng, commands, sim_ms, allow_time=False)}"
    if kind == "unplug":
        spec = f"unplug@{_trigger(rng, commands, sim_ms)}"
        if rng.random() < 0.85:
            after = rng.choice([f"{rng.randint(1, 10)}", f"{rng.choice([5, 20, 100, 500])}ms"])
            spec += f",replug-after={after}"
        return spec
    if kind in ("swd-wait-storm", "swd-fault", "swd-noack"):
        counts = [1, 2, 5, 10, 20, 40] if kind == "swd-wait-storm" else [1, 2, 3, 5, 8, 50]
        return f"{kind}@{_trigger(rng, commands, sim_ms)},count={rng.choice(counts)}"
    if kind == "parity-ber":
        if rng.random() < 0.6:
            # ber=1 flips all 33 bits of a data phase: an odd number, so parity always sees it.
            return f"parity-ber@{_trigger(rng, commands, sim_ms)},ber=1,count={rng.randint(1, 3)}"
        # A low background rate. Two flips in one data phase pass the parity check unseen (a
        # real link can do that too); at <= 3e-6 per bit that is < 5e-9 per data phase, so a
        # campaign of 10^4 runs expects well under one such silent flip.
        return f"parity-ber={rng.choice(['1e-7', '5e-7', '1e-6', '3e-6'])}"
    if kind == "power-loss":
        spec = f"power-loss@{_trigger(rng, commands, sim_ms)}"
        if rng.random() < 0.7:
            spec += f",restore-after={rng.choice([5, 50, 200, 500])}ms"
        return spec
    if kind == "brownout":
        spec = f"brownout@{_trigger(rng, commands, sim_ms)},volts={rng.choice(['1.2', '1.6', '1.8', '2.0', '2.5'])}"
        if rng.random() < 0.7:
            spec += f",restore-after={rng.choice([5, 50, 200, 500])}ms"
        return spec
    if kind == "nrst-not-wired":
        return "nrst-not-wired"
    raise ValueError(kind)


def fault_set(rng, commands, sim_ms):
    """One to three faults; nrst-not-wired at most once."""
    specs = []
    kinds = list(WEIGHTS)
    for _ in range(rng.choices([1, 2, 3], [6, 3, 1])[0]):
        kind = rng.choices(kinds, [WEIGHTS[k] for k in kinds])[0]
        if kind == "nrst-not-wired" and "nrst-not-wired" in specs:
            continue
        specs.append(one_fault(rng, kind, commands, sim_ms))
    return specs
