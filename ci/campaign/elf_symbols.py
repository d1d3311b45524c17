"""The symbol table of a 32-bit little-endian ELF image (the fixtures' .elf files), read with the
standard library only. The generator uses it to write locations as plain addresses too and to
know the address a `run_until` must stop at; nothing here trusts hiltest."""
import struct

SHT_SYMTAB = 2


def read_symbols(path):
    """({name: (address, size)}, {names of global or weak symbols}) of the named symbols
    (functions without their Thumb bit). Local symbols are listed too, but only global ones
    are names a suite should rely on."""
    data = open(path, "rb").read()
    if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
        raise ValueError(f"{path}: not a 32-bit little-endian ELF file")
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x2E)
    sections = [struct.unpack_from("<IIIIIIIIII", data, shoff + i * shentsize) for i in range(shnum)]
    symbols = {}
    global_names = set()
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != SHT_SYMTAB or entsize == 0:
            continue
        strtab_offset = sections[link][4]
        for index in range(size // entsize):
            st_name, value, st_size, info, _other, shndx = struct.unpack_from("<IIIBBH", data, offset + index * entsize)
            if st_name == 0 or shndx == 0:
                continue
            end = data.index(b"\0", strtab_offset + st_name)
            name = data[strtab_offset + st_name:end].decode("ascii", "replace")
            if name.startswith("$") or "." in name:
                continue
            if info & 0xF == 2:  # STT_FUNC: the address without the Thumb bit
                value &= ~1
            symbols.setdefault(name, (value, st_size))
            if info >> 4 in (1, 2):  # STB_GLOBAL, STB_WEAK
                global_names.add(name)
    return symbols, global_names
