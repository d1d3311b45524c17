#pragma once
// Loading images is the image library's (image/image_file.hpp); runner/session still names it
// through probe::flash.
#include "image/image_file.hpp"
#include "probe/flash/image.hpp"

namespace hiltest::probe::flash {

using image::ImageLoadOptions;
using image::load_image;

}  // namespace hiltest::probe::flash
