// Free lists for the small blocks that JSON documents are made of: the tree nodes
// of objects being built or edited, and the store's frozen nodes (json.cpp).
//
// Why: an API write builds, defaults, validates and freezes a document of ~60
// members, then frees the editable tree, and every informer cache and watch holds
// on to the frozen nodes. General-purpose malloc spends much of that write
// sorting the burst of equal-sized frees into bins (and, past its small per-size
// caches, coalescing them). Here a block of a given size class is a pointer pop or
// push: blocks go back on their class's list and are reused for the next document.
//
// Blocks are 16-byte granules up to kMaxBlock bytes, carved from 64 KiB chunks
// that are never returned to the system (the lists keep what a workload's peak
// needed). Larger requests go to ::operator new. Single-threaded, like the whole
// core; the lists are plain zero-initialised globals, so they work before and
// after every static constructor and destructor.
#pragma once

#include <cstddef>
#include <new>

namespace kt::util::node_pool {

inline constexpr std::size_t kGranule = 16;
inline constexpr std::size_t kMaxBlock = 256;

namespace detail {
struct FreeBlock {
  FreeBlock* next;
};
inline FreeBlock* free_lists[kMaxBlock / kGranule];
inline char* chunk_cur = nullptr;
inline char* chunk_end = nullptr;
void* carve(std::size_t block);  // a new block of `block` bytes from the current chunk
constexpr std::size_t class_of(std::size_t bytes) { return (bytes + kGranule - 1) / kGranule - 1; }
}  // namespace detail

inline void* allocate(std::size_t bytes) {
  if (bytes > kMaxBlock || bytes == 0) return ::operator new(bytes);
  detail::FreeBlock*& head = detail::free_lists[detail::class_of(bytes)];
  if (detail::FreeBlock* b = head) {
    head = b->next;
    return b;
  }
  return detail::carve((detail::class_of(bytes) + 1) * kGranule);
}

// `bytes` must be what was asked of allocate().
inline void deallocate(void* p, std::size_t bytes) noexcept {
  if (!p) return;
  if (bytes > kMaxBlock || bytes == 0) {
    ::operator delete(p);
    return;
  }
  auto* b = static_cast<detail::FreeBlock*>(p);
  detail::FreeBlock*& head = detail::free_lists[detail::class_of(bytes)];
  b->next = head;
  head = b;
}

// A standard allocator over the pool, for node-based containers.
template <class T>
struct Allocator {
  using value_type = T;
  Allocator() = default;
  template <class U>
  Allocator(const Allocator<U>&) noexcept {}  // NOLINT: rebinding
  T* allocate(std::size_t n) { return static_cast<T*>(node_pool::allocate(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { node_pool::deallocate(p, n * sizeof(T)); }
  template <class U>
  friend bool operator==(const Allocator&, const Allocator<U>&) noexcept {
    return true;
  }
  template <class U>
  friend bool operator!=(const Allocator&, const Allocator<U>&) noexcept {
    return false;
  }
};

}  // namespace kt::util::node_pool
