#include "tensor.h"

#include <utility>

namespace miwb::neural {

void shuffle(std::vector<Index>& items, std::mt19937_64& rng) {
  for (Index i = static_cast<Index>(items.size()) - 1; i > 0; --i)
    std::swap(items[static_cast<std::size_t>(i)], items[static_cast<std::size_t>(uniformIndex(rng, i + 1))]);
}

}  // namespace miwb::neural
