// ZeroedArray<T>: a fixed-size array of a trivial type whose elements start as zero
// bytes, from calloc.
//
// Why: a hash table's index (ObjectMap) is rebuilt into an array twice as large as
// it grows. std::vector<T>(n, 0) writes every element before the rebuild writes the
// occupied ones again; calloc's large blocks come from the kernel already zeroed, so
// here only the slots the rebuild fills are written (in the bench: ~26 instructions
// per insert, and a pass over 2–4 MB per growth of each of 21 tables, gone).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

namespace kt::util {

template <class T>
class ZeroedArray {
  static_assert(std::is_trivial_v<T>, "zero bytes must be a valid T");

 public:
  ZeroedArray() = default;
  explicit ZeroedArray(std::size_t n) : data_(n ? static_cast<T*>(std::calloc(n, sizeof(T))) : nullptr), size_(n) {
    if (n && !data_) throw std::bad_alloc();
  }
  ZeroedArray(ZeroedArray&& o) noexcept : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)) {}
  ZeroedArray& operator=(ZeroedArray&& o) noexcept {
    if (this != &o) {
      std::free(data_);
      data_ = std::exchange(o.data_, nullptr);
      size_ = std::exchange(o.size_, 0);
    }
    return *this;
  }
  ZeroedArray(const ZeroedArray&) = delete;
  ZeroedArray& operator=(const ZeroedArray&) = delete;
  ~ZeroedArray() { std::free(data_); }

  std::size_t size() const { return size_; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }

 private:
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace kt::util
