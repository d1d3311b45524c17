// Template part of image.hpp.
#include <algorithm>
#include <numeric>

#include "probe/base/hex.hpp"

namespace hiltest::image {

template <class Describe>
std::vector<Segment> normalize_segments(std::vector<Segment> pieces, const std::string& source, Describe describe)
{
    std::vector<size_t> order(pieces.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return pieces[a].address < pieces[b].address; });

    std::vector<Segment> merged;
    std::optional<size_t> previous;  // index (into pieces) of the last non-empty piece placed
    for (size_t index : order) {
        Segment& piece = pieces[index];
        if (piece.data.empty()) continue;
        if (piece.end() > (uint64_t{1} << 32))
            throw_image_error(source, describe(index) + " runs past the end of the 32-bit address space");
        if (previous) {
            const Segment& last = merged.back();
            if (piece.address < last.end()) {
                throw_image_error(source, describe(*previous) + " and " + describe(index) +
                                              " both write address " + hex(piece.address));
            }
            if (piece.address == last.end()) {
                merged.back().data.insert(merged.back().data.end(), piece.data.begin(), piece.data.end());
                previous = index;
                continue;
            }
        }
        merged.push_back(std::move(piece));
        previous = index;
    }
    return merged;
}

}  // namespace hiltest::image
