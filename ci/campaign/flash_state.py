"""Reads the simulated board's flash-state file (fixtures/bluepill/soc/flash_state_file.hpp):
8 bytes "HILTFLSH", u32 version 1, u32 main flash size (a multiple of 1024), u32 option byte
count (16), u32 reserved, then the main flash content, then the option bytes. Little-endian."""
import struct

MAGIC = b"HILTFLSH"
HEADER = 24


class FlashStateError(Exception):
    pass


def read_flash(path):
    """The main flash content (bytes from 0x08000000)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < HEADER or data[:8] != MAGIC:
        raise FlashStateError(f"{path}: not a flash-state file (no HILTFLSH header)")
    version, size, option_count, _reserved = struct.unpack_from("<IIII", data, 8)
    if version != 1:
        raise FlashStateError(f"{path}: format version {version}, expected 1")
    if size == 0 or size % 1024:
        raise FlashStateError(f"{path}: main flash size {size} is not a multiple of 1024")
    if len(data) != HEADER + size + option_count:
        raise FlashStateError(f"{path}: {len(data)} bytes, header says {HEADER + size + option_count}")
    return data[HEADER:HEADER + size]


def compare_image(path, image):
    """None if flash holds `image` at its start, else a one-line description of the difference."""
    flash = read_flash(path)
    if len(flash) < len(image):
        return f"the image ({len(image)} bytes) is larger than flash ({len(flash)} bytes)"
    for offset, (want, have) in enumerate(zip(image, flash)):
        if want != have:
            differing = sum(1 for a, b in zip(image, flash) if a != b)
            return (f"flash differs from the image at 0x{0x08000000 + offset:08X} (0x{have:02X}, image 0x{want:02X}); "
                    f"{differing} of {len(image)} bytes differ")
    return None
