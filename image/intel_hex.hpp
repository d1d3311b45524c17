#pragma once
// Intel HEX reader: record types 00-05, checksums, extended segment (02) and linear (04)
// addresses, start addresses (03/05) as the entry point. Overlapping data records are refused
// naming both lines; a missing end-of-file record is an error (a truncated download).
#include <string>
#include <string_view>

#include "image/image.hpp"

namespace hiltest::image {

// `source` names the file in error messages. Throws hiltest::Error(ImageFormat).
Image parse_intel_hex(std::string_view text, const std::string& source);

}  // namespace hiltest::image
