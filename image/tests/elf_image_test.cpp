#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "image/elf_image.hpp"
#include "image/image_file.hpp"
#include "probe/base/error.hpp"
#include "tests/support/firmware_paths.hpp"

namespace hiltest::image {
namespace {

std::string firmware(const std::string& name)
{
    return hiltest::testing::firmware_file(name);
}

std::vector<uint8_t> read_bytes(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::string error_of(std::span<const uint8_t> bytes)
{
    try {
        parse_elf(bytes, "fw.elf");
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::ImageFormat);
        return error.what();
    }
    return "no error";
}

TEST(ElfImage, LoadsFirmwareSegmentsEntryAndSymbols)
{
    const Image image = load_image(firmware("blink_systick.elf"));
    EXPECT_EQ(image.format, ImageFormat::Elf);
    ASSERT_FALSE(image.empty());
    EXPECT_EQ(image.lowest_address(), 0x08000000u);
    ASSERT_TRUE(image.entry);
    EXPECT_GE(*image.entry, 0x08000000u);
    const Symbol* main_symbol = image.find_symbol("main");
    ASSERT_NE(main_symbol, nullptr);
    EXPECT_GE(main_symbol->address, 0x08000000u);
    EXPECT_EQ(main_symbol->address & 1u, 0u);  // Thumb bit stripped
    EXPECT_GT(main_symbol->size, 0u);
    for (const Symbol& symbol : image.symbols) EXPECT_NE(symbol.name.front(), '$');
    EXPECT_TRUE(std::is_sorted(image.symbols.begin(), image.symbols.end(),
                               [](const Symbol& a, const Symbol& b) { return a.name < b.name; }));
}

TEST(ImageFormats, ElfHexAndBinOfTheSameFirmwareLoadIdentically)
{
    for (const char* name : {"blink_systick", "counter", "hardfault"}) {
        const Image elf = load_image(firmware(std::string(name) + ".elf"));
        const Image hex = load_image(firmware(std::string(name) + ".hex"));
        const Image bin = load_image(firmware(std::string(name) + ".bin"));
        EXPECT_EQ(hex.format, ImageFormat::IntelHex);
        EXPECT_EQ(bin.format, ImageFormat::Binary);
        EXPECT_EQ(elf.segments, hex.segments) << name;
        EXPECT_EQ(elf.segments, bin.segments) << name;
        EXPECT_EQ(elf.entry, hex.entry) << name;
    }
}

TEST(ImageFormats, SniffsContentWhenTheExtensionSaysNothing)
{
    const auto elf_bytes = read_bytes(firmware("blink_systick.elf"));
    const auto hex_bytes = read_bytes(firmware("blink_systick.hex"));
    const auto bin_bytes = read_bytes(firmware("blink_systick.bin"));
    EXPECT_EQ(parse_image(elf_bytes, "firmware").format, ImageFormat::Elf);
    EXPECT_EQ(parse_image(hex_bytes, "firmware.txt").format, ImageFormat::IntelHex);
    EXPECT_EQ(parse_image(bin_bytes, "firmware.img").format, ImageFormat::Binary);
}

// The simulator once had a reader of its own that refused such a file ("format unknown"); now
// `--sim-firmware` and `hiltest flash` read it alike, as the bytes to put at the binary base.
TEST(ImageFormats, ContentNeitherElfNorHexIsARawBinary)
{
    const std::vector<uint8_t> bytes{'a', 'b', 'c'};
    const Image image = parse_image(bytes, "mystery.img");
    EXPECT_EQ(image.format, ImageFormat::Binary);
    ASSERT_EQ(image.segments.size(), 1u);
    EXPECT_EQ(image.segments[0].address, kDefaultBinaryBase);
    EXPECT_EQ(image.segments[0].data, bytes);
}

TEST(ImageFormats, ElfNamedBinIsRefused)
{
    const auto elf_bytes = read_bytes(firmware("blink_systick.elf"));
    try {
        parse_image(elf_bytes, "firmware.bin");
        FAIL();
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("ELF"), std::string::npos);
    }
    ImageLoadOptions raw;
    raw.format = ImageFormat::Binary;
    EXPECT_EQ(parse_image(elf_bytes, "firmware.bin", raw).total_bytes(), elf_bytes.size());
}

TEST(ImageFormats, BinaryAtGivenBase)
{
    ImageLoadOptions options;
    options.binary_base = 0x08004000;
    const std::vector<uint8_t> data{1, 2, 3};
    const Image image = parse_image(data, "app.bin", options);
    EXPECT_EQ(image.segments.at(0).address, 0x08004000u);
    EXPECT_THROW(parse_image(std::vector<uint8_t>{}, "empty.bin"), Error);
    options.binary_base = 0xFFFFFFFE;
    EXPECT_THROW(parse_image(data, "app.bin", options), Error);
}

TEST(ImageFormats, MissingFileIsAClearError)
{
    try {
        load_image("/nonexistent/dir/fw.elf");
        FAIL();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::ImageFormat);
        EXPECT_NE(std::string(error.what()).find("/nonexistent/dir/fw.elf"), std::string::npos);
    }
}

TEST(ElfImage, RefusesNonElfAndWrongClass)
{
    const std::vector<uint8_t> text{'h', 'e', 'l', 'l', 'o'};
    EXPECT_NE(error_of(text).find("not an ELF"), std::string::npos);
    auto elf = read_bytes(firmware("blink_systick.elf"));
    elf[4] = 2;  // ELFCLASS64
    EXPECT_NE(error_of(elf).find("32-bit"), std::string::npos);
}

TEST(ElfImage, RefusesOtherMachines)
{
    auto elf = read_bytes(firmware("blink_systick.elf"));
    elf[18] = 3;  // e_machine = EM_386
    elf[19] = 0;
    EXPECT_NE(error_of(elf).find("not ARM"), std::string::npos);
}

TEST(ElfImage, TruncatedFileNamesTheProgramHeader)
{
    const auto elf = read_bytes(firmware("blink_systick.elf"));
    // Keep the headers and program header table, cut inside the first segment's contents.
    const std::vector<uint8_t> cut(elf.begin(), elf.begin() + 0x200);
    const std::string message = error_of(cut);
    EXPECT_NE(message.find("fw.elf"), std::string::npos) << message;
    EXPECT_TRUE(message.find("program header") != std::string::npos || message.find("damaged") != std::string::npos)
        << message;
}

TEST(ElfImage, EveryTruncationIsAnErrorOrAnImageNeverACrash)
{
    const auto elf = read_bytes(firmware("counter.elf"));
    size_t errors = 0;
    for (size_t length = 0; length < elf.size(); length += 97) {
        try {
            parse_elf(std::span<const uint8_t>(elf.data(), length), "cut.elf");
        } catch (const Error&) {
            ++errors;
        }
    }
    EXPECT_GT(errors, 0u);
}

}  // namespace
}  // namespace hiltest::image
