#include "image/elf_image.hpp"

#include <gelf.h>
#include <libelf.h>

#include <map>
#include <memory>

#include "probe/base/hex.hpp"

namespace hiltest::image {

namespace {

struct ElfCloser {
    void operator()(Elf* elf) const { elf_end(elf); }
};
using ElfHandle = std::unique_ptr<Elf, ElfCloser>;

bool is_mapping_symbol(const char* name)
{
    // $a, $t, $d (and $t.1 …) mark ARM/Thumb/data regions, not program symbols.
    return name[0] == '$' && (name[1] == 'a' || name[1] == 't' || name[1] == 'd') && (name[2] == 0 || name[2] == '.');
}

std::vector<Symbol> read_symbols(Elf* elf)
{
    // Globals win over locals of the same name (a static helper called like a public function).
    std::map<std::string, std::pair<Symbol, bool>> by_name;
    Elf_Scn* section = nullptr;
    while ((section = elf_nextscn(elf, section)) != nullptr) {
        GElf_Shdr header;
        if (!gelf_getshdr(section, &header) || header.sh_type != SHT_SYMTAB) continue;
        Elf_Data* data = elf_getdata(section, nullptr);
        if (!data || !data->d_buf) continue;
        const size_t count = data->d_size / sizeof(Elf32_Sym);
        for (size_t i = 1; i < count; ++i) {
            GElf_Sym sym;
            if (!gelf_getsym(data, static_cast<int>(i), &sym)) continue;
            const int type = GELF_ST_TYPE(sym.st_info);
            if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE) continue;
            if (sym.st_shndx == SHN_UNDEF) continue;
            const char* name = elf_strptr(elf, header.sh_link, sym.st_name);
            if (!name || !*name || is_mapping_symbol(name)) continue;
            uint32_t address = static_cast<uint32_t>(sym.st_value);
            if (type == STT_FUNC) address &= ~1u;  // the Thumb bit is not part of the address
            const bool global = GELF_ST_BIND(sym.st_info) != STB_LOCAL;
            auto [it, inserted] = by_name.try_emplace(name, Symbol{name, address, static_cast<uint32_t>(sym.st_size)}, global);
            if (!inserted && global && !it->second.second)
                it->second = {Symbol{name, address, static_cast<uint32_t>(sym.st_size)}, global};
        }
    }
    std::vector<Symbol> symbols;
    symbols.reserve(by_name.size());
    for (auto& [name, entry] : by_name) symbols.push_back(std::move(entry.first));
    return symbols;
}

}  // namespace

Image parse_elf(std::span<const uint8_t> bytes, const std::string& source)
{
    if (elf_version(EV_CURRENT) == EV_NONE) throw_image_error(source, "libelf is not usable on this system");
    if (bytes.size() < EI_NIDENT || bytes[0] != ELFMAG0 || bytes[1] != ELFMAG1 || bytes[2] != ELFMAG2 || bytes[3] != ELFMAG3)
        throw_image_error(source, "it is not an ELF file (no ELF magic at offset 0)");
    if (bytes[EI_CLASS] != ELFCLASS32) throw_image_error(source, "it is not a 32-bit ELF file (byte 4 is not ELFCLASS32)");
    if (bytes[EI_DATA] != ELFDATA2LSB) throw_image_error(source, "it is not a little-endian ELF file, as ARM Cortex-M code is");

    // libelf reads from a buffer it may touch; give it a private copy that outlives the handle.
    std::vector<char> copy(bytes.begin(), bytes.end());
    ElfHandle elf(elf_memory(copy.data(), copy.size()));
    if (!elf || elf_kind(elf.get()) != ELF_K_ELF) throw_image_error(source, "libelf cannot read it as an ELF file");
    GElf_Ehdr header;
    if (!gelf_getehdr(elf.get(), &header)) throw_image_error(source, "its ELF header is damaged");
    if (header.e_machine != EM_ARM) {
        throw_image_error(source, "it is built for ELF machine " + std::to_string(header.e_machine) + ", not ARM (40)");
    }

    size_t program_headers = 0;
    if (elf_getphdrnum(elf.get(), &program_headers) != 0) throw_image_error(source, "its program header table is damaged");

    std::vector<Segment> pieces;
    std::vector<size_t> piece_header;
    for (size_t i = 0; i < program_headers; ++i) {
        GElf_Phdr phdr;
        if (!gelf_getphdr(elf.get(), static_cast<int>(i), &phdr))
            throw_image_error(source, "program header " + std::to_string(i) + " is damaged");
        if (phdr.p_type != PT_LOAD || phdr.p_filesz == 0) continue;
        if (phdr.p_offset > bytes.size() || phdr.p_filesz > bytes.size() - phdr.p_offset) {
            throw_image_error(source, "program header " + std::to_string(i) + " points at bytes " + hex(phdr.p_offset) +
                                          "+" + std::to_string(phdr.p_filesz) + " beyond the end of the file (" +
                                          std::to_string(bytes.size()) + " bytes); the file is probably truncated");
        }
        if (uint64_t{phdr.p_paddr} + phdr.p_filesz > (uint64_t{1} << 32))
            throw_image_error(source, "program header " + std::to_string(i) + " runs past the 32-bit address space");
        const auto first = bytes.begin() + static_cast<std::ptrdiff_t>(phdr.p_offset);
        pieces.push_back(Segment{static_cast<uint32_t>(phdr.p_paddr),
                                 std::vector<uint8_t>(first, first + static_cast<std::ptrdiff_t>(phdr.p_filesz))});
        piece_header.push_back(i);
    }
    if (pieces.empty()) throw_image_error(source, "it has no loadable (PT_LOAD) program headers with file contents");

    Image image;
    image.source = source;
    image.format = ImageFormat::Elf;
    image.entry = static_cast<uint32_t>(header.e_entry);
    image.segments = normalize_segments(std::move(pieces), source, [&](size_t index) {
        return "program header " + std::to_string(piece_header[index]);
    });
    image.symbols = read_symbols(elf.get());
    return image;
}

}  // namespace hiltest::image
