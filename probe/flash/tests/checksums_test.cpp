#include <gtest/gtest.h>

#include <string>

#include "probe/base/hex.hpp"
#include "probe/flash/checksums.hpp"

namespace hiltest::probe::flash {
namespace {

std::span<const uint8_t> as_bytes(const std::string& text)
{
    return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

TEST(ImageChecksums, Crc32KnownValues)
{
    EXPECT_EQ(crc32(as_bytes("123456789")), 0xCBF43926u);
    EXPECT_EQ(crc32({}), 0u);
    EXPECT_EQ(crc32(std::vector<uint8_t>(1024, 0xFF)), 0xB83AFFF4u);
}

TEST(ImageChecksums, Crc32IncrementalEqualsOneShot)
{
    std::vector<uint8_t> data(3000);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7 + 3);
    Crc32 crc;
    crc.update(std::span(data).first(1000));
    crc.update(std::span(data).subspan(1000));
    EXPECT_EQ(crc.value(), crc32(data));
    Crc32 filled;
    filled.update_fill(0xFF, 1024);
    EXPECT_EQ(filled.value(), crc32(std::vector<uint8_t>(1024, 0xFF)));
}

TEST(ImageChecksums, Sha256KnownValues)
{
    EXPECT_EQ(hex_digits(sha256({})), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex_digits(sha256(as_bytes("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex_digits(sha256(as_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(hex_digits(sha256(std::vector<uint8_t>(1000000, 'a'))),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(ImageChecksums, Sha256IncrementalEqualsOneShot)
{
    std::vector<uint8_t> data(1000);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i);
    for (size_t split : {size_t{0}, size_t{1}, size_t{55}, size_t{64}, size_t{65}, size_t{999}}) {
        Sha256 hash;
        hash.update(std::span(data).first(split));
        hash.update(std::span(data).subspan(split));
        EXPECT_EQ(hash.finish(), sha256(data)) << split;
    }
}

TEST(ImageChecksums, ImageDigestDependsOnPlacement)
{
    Image a, b;
    a.segments = {{0x08000000, {1, 2, 3}}};
    b.segments = {{0x08000004, {1, 2, 3}}};
    EXPECT_NE(image_sha256(a), image_sha256(b));
    EXPECT_EQ(image_sha256(a).size(), 64u);
}

}  // namespace
}  // namespace hiltest::probe::flash
