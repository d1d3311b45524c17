#pragma once
// Checksums of image bytes. CRC-32 is the IEEE 802.3 one (reflected, polynomial 0xEDB88320,
// init and final XOR 0xFFFFFFFF: crc32("123456789") = 0xCBF43926); the RAM loader computes the
// same on the target, so a flash range can be compared without reading it over USB. SHA-256
// (FIPS 180-4) identifies an image in reports.
#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "probe/flash/image.hpp"

namespace hiltest::probe::flash {

class Crc32 {
public:
    void update(std::span<const uint8_t> bytes);
    void update_fill(uint8_t byte, size_t count);  // `count` copies of `byte` (erased flash)
    uint32_t value() const { return ~state_; }

private:
    uint32_t state_ = 0xFFFFFFFF;
};

uint32_t crc32(std::span<const uint8_t> bytes);

class Sha256 {
public:
    Sha256();
    void update(std::span<const uint8_t> bytes);
    std::array<uint8_t, 32> finish();  // the object must not be updated afterwards

private:
    void block(const uint8_t* data);

    std::array<uint32_t, 8> state_;
    std::array<uint8_t, 64> buffer_{};
    size_t buffered_ = 0;
    uint64_t length_ = 0;
};

std::array<uint8_t, 32> sha256(std::span<const uint8_t> bytes);

// SHA-256 over the image as flashed: for each segment in address order, its 4-byte little-endian
// address, 4-byte little-endian length, then its bytes. Two images with the same digest write the
// same bytes to the same places, whatever file format they came from.
std::string image_sha256(const Image& image);

}  // namespace hiltest::probe::flash
