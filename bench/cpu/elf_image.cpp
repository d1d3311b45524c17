#include "bench/cpu/elf_image.hpp"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <memory>

#include "probe/base/error.hpp"

namespace hiltest::bench {
namespace {

struct FileCloser {
    int fd;
    ~FileCloser()
    {
        if (fd >= 0) ::close(fd);
    }
};
struct ElfEnd {
    void operator()(Elf* elf) const { elf_end(elf); }
};

[[noreturn]] void fail(const std::string& path, const std::string& what)
{
    throw Error(ErrorKind::ImageFormat, "cannot load firmware image " + path + ": " + what,
                "build the firmware (cmake --build <dir> --target firmware) or pass the path of an ARM ELF file");
}

}  // namespace

std::vector<LoadSegment> read_load_segments(const std::string& path)
{
    if (elf_version(EV_CURRENT) == EV_NONE) fail(path, "libelf is too old");
    FileCloser file{::open(path.c_str(), O_RDONLY)};
    if (file.fd < 0) fail(path, "cannot open the file");
    std::unique_ptr<Elf, ElfEnd> elf(elf_begin(file.fd, ELF_C_READ, nullptr));
    if (!elf || elf_kind(elf.get()) != ELF_K_ELF) fail(path, "not an ELF file");
    std::size_t count = 0;
    if (elf_getphdrnum(elf.get(), &count) != 0) fail(path, elf_errmsg(-1));
    std::size_t size = 0;
    const char* raw = elf_rawfile(elf.get(), &size);
    if (!raw) fail(path, elf_errmsg(-1));

    std::vector<LoadSegment> segments;
    for (std::size_t i = 0; i < count; ++i) {
        GElf_Phdr header;
        if (!gelf_getphdr(elf.get(), int(i), &header)) fail(path, elf_errmsg(-1));
        if (header.p_type != PT_LOAD || header.p_filesz == 0) continue;
        if (header.p_offset + header.p_filesz > size) fail(path, "segment outside the file");
        LoadSegment segment;
        segment.address = uint32_t(header.p_paddr);
        segment.bytes.assign(raw + header.p_offset, raw + header.p_offset + header.p_filesz);
        segments.push_back(std::move(segment));
    }
    if (segments.empty()) fail(path, "no loadable segment");
    return segments;
}

}  // namespace hiltest::bench
