// RingBuffer<T>: a FIFO queue read at any position, in a power-of-two circular
// array.
//
// Why: the store's watch log is read by position once per watcher and event
// (20 informers in the bench: 20 reads per create). std::deque's operator[] splits
// the position into a block and an offset through its map of blocks, ~15
// instructions a read, and its size() walks the same; here a read is a mask and an
// add. Growth doubles the array and moves the elements once; a steady log (as many
// pops as pushes) never allocates again.
// A popped slot is reset to T{} at once, so what the element held (references to
// shared objects) is released when it leaves the queue, not when the slot is reused.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace kt::util {

template <class T>
class RingBuffer {
 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // i counts from the front (0) to size() - 1.
  T& operator[](std::size_t i) { return slots_[(head_ + i) & mask()]; }
  const T& operator[](std::size_t i) const { return slots_[(head_ + i) & mask()]; }
  T& front() { return (*this)[0]; }
  const T& front() const { return (*this)[0]; }
  T& back() { return (*this)[size_ - 1]; }
  const T& back() const { return (*this)[size_ - 1]; }

  void push_back(T v) {
    if (size_ == slots_.size()) grow();
    slots_[(head_ + size_) & mask()] = std::move(v);
    ++size_;
  }
  void pop_front() {
    slots_[head_] = T{};
    head_ = (head_ + 1) & mask();
    --size_;
  }
  void clear() {
    while (size_ > 0) pop_front();
    head_ = 0;
  }

  // Front to back.
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (std::size_t i = 0; i < size_; ++i) fn((*this)[i]);
  }

 private:
  std::size_t mask() const { return slots_.size() - 1; }
  void grow() {
    std::vector<T> bigger(slots_.empty() ? 16 : slots_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = std::move((*this)[i]);
    slots_ = std::move(bigger);
    head_ = 0;
  }

  std::vector<T> slots_;  // power-of-two size, or empty
  std::size_t head_ = 0;  // the front's slot
  std::size_t size_ = 0;
};

}  // namespace kt::util
