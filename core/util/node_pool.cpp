#include "core/util/node_pool.h"

#include <cstdint>

namespace kt::util::node_pool::detail {

void* carve(std::size_t block) {
  constexpr std::size_t kChunk = 64 * 1024;
  if (static_cast<std::size_t>(chunk_end - chunk_cur) < block) {
    // The chunk's tail (smaller than `block`, so at most kMaxBlock) is given to the smaller classes' lists.
    while (static_cast<std::size_t>(chunk_end - chunk_cur) >= kGranule) {
      const std::size_t take = static_cast<std::size_t>(chunk_end - chunk_cur) / kGranule * kGranule;
      auto* b = reinterpret_cast<FreeBlock*>(chunk_cur);
      b->next = free_lists[class_of(take)];
      free_lists[class_of(take)] = b;
      chunk_cur += take;
    }
    // Blocks are granule-aligned whatever the system allocator's alignment (8 bytes
    // on wasm32): the chunk starts at the first granule boundary.
    auto* raw = static_cast<char*>(::operator new(kChunk + kGranule));
    const auto addr = reinterpret_cast<std::uintptr_t>(raw);
    chunk_cur = raw + (kGranule - addr % kGranule) % kGranule;
    chunk_end = raw + kChunk + kGranule;
  }
  void* p = chunk_cur;
  chunk_cur += block;
  return p;
}

}  // namespace kt::util::node_pool::detail
