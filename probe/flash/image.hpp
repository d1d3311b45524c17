#pragma once
// The programmer programs firmware images as the image library reads them (image/image.hpp):
// these are its names here.
#include "image/image.hpp"

namespace hiltest::probe::flash {

using image::Image;
using image::ImageFormat;
using image::Segment;
using image::Symbol;

}  // namespace hiltest::probe::flash
