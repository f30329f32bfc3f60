// SegmentedVector<T>: an indexed sequence that grows without moving its elements.
//
// Why: std::vector's growth allocates twice the space, moves every element across
// and frees the old block. For the tables that grow to hundreds of thousands of
// entries while an API burst runs (ObjectMap's new entries: 21 tables in the bench),
// that move touched fresh pages twice over, and the kernel's page faults for them
// were the largest single cost of an informer's insert. Here each growth adds a
// segment and nothing moves: segment s holds kFirst·2^s elements, so position p is
// found with one bit_width, and memory is faulted once, as it is first written.
// Element addresses stay valid until that element is popped or the vector cleared.
#pragma once

#include <bit>
#include <cstddef>
#include <new>
#include <utility>
#include <vector>

namespace kt::util {

template <class T>
class SegmentedVector {
  static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "segments come from plain operator new");

 public:
  SegmentedVector() = default;
  SegmentedVector(const SegmentedVector& o) {
    for (std::size_t i = 0; i < o.size_; ++i) push_back(o[i]);
  }
  SegmentedVector(SegmentedVector&& o) noexcept
      : segs_(std::move(o.segs_)), size_(std::exchange(o.size_, 0)) {
    o.segs_.clear();
  }
  SegmentedVector& operator=(const SegmentedVector& o) {
    if (this != &o) {
      SegmentedVector tmp(o);
      swap(tmp);
    }
    return *this;
  }
  SegmentedVector& operator=(SegmentedVector&& o) noexcept {
    if (this != &o) {
      release();
      segs_ = std::move(o.segs_);
      o.segs_.clear();
      size_ = std::exchange(o.size_, 0);
    }
    return *this;
  }
  ~SegmentedVector() { release(); }

  void swap(SegmentedVector& o) noexcept {
    segs_.swap(o.segs_);
    std::swap(size_, o.size_);
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  T& operator[](std::size_t p) { return *slot(p); }
  const T& operator[](std::size_t p) const { return *slot(p); }
  T& back() { return *slot(size_ - 1); }

  template <class... Args>
  T& emplace_back(Args&&... args) {
    const std::size_t s = segment_of(size_);
    if (s == segs_.size()) {
      // Allocate, then record: if either throws, nothing is left half made.
      T* seg = static_cast<T*>(::operator new(segment_size(s) * sizeof(T)));
      try {
        segs_.push_back(seg);
      } catch (...) {
        ::operator delete(seg);
        throw;
      }
    }
    T* at = slot(size_);
    ::new (static_cast<void*>(at)) T(std::forward<Args>(args)...);
    ++size_;
    return *at;
  }
  void push_back(T&& v) { emplace_back(std::move(v)); }
  void push_back(const T& v) { emplace_back(v); }

  void pop_back() {
    --size_;
    slot(size_)->~T();
  }

  // Destroys the elements and gives back the memory.
  void clear() { release(); }

 private:
  static constexpr std::size_t kFirstBits = 4;
  static constexpr std::size_t kFirst = std::size_t{1} << kFirstBits;

  static std::size_t segment_of(std::size_t p) {
    return static_cast<std::size_t>(std::bit_width(p + kFirst)) - 1 - kFirstBits;
  }
  static std::size_t segment_size(std::size_t s) { return kFirst << s; }

  T* slot(std::size_t p) const {
    const std::size_t s = segment_of(p);
    return segs_[s] + (p + kFirst - segment_size(s));
  }

  void release() noexcept {
    while (size_ > 0) pop_back();
    for (std::size_t s = 0; s < segs_.size(); ++s)
      ::operator delete(segs_[s]);
    segs_.clear();
  }

  std::vector<T*> segs_;
  std::size_t size_ = 0;
};

}  // namespace kt::util
