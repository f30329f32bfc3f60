// The member map of Json objects (nlohmann::basic_json's ObjectType).
//
// A std::map while an object is being built or edited, so references to members
// stay valid across inserts exactly as before; freeze() turns it into one sorted
// array of (key, value) pairs. The store freezes every object it keeps: stored
// objects are immutable and shared, and a std::map node costs ~96 bytes per member
// against 48 here (a 40-member pod: ~6.6 KB of tree before, see
// tests/bench/api_bench.cpp), and destroying it frees one block instead of one per
// member.
//
// Frozen objects only live behind const Json (ObjectPtr): any mutating call thaws
// the map back into a std::map first, and copies are always std::map-backed, so
// code that copies a stored object and edits the copy sees no difference. Order
// (sorted keys), lookup and equality are those of std::map<std::string, Json,
// std::less<>>.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <map>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#if defined(__cpp_lib_three_way_comparison)
#include <compare>
#endif

namespace kt::json_detail {

template <class Key, class T, class Compare = std::less<>,
          class Alloc = std::allocator<std::pair<const Key, T>>>
class object_map {
 public:
  using key_type = Key;
  using mapped_type = T;
  using value_type = std::pair<const Key, T>;
  using key_compare = Compare;
  using allocator_type = Alloc;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = value_type&;
  using const_reference = const value_type&;
  using pointer = value_type*;
  using const_pointer = const value_type*;
  using Tree = std::map<Key, T, Compare, Alloc>;

  // Either a tree iterator or, for a frozen map, a pointer into the array.
  template <bool Const>
  class iter {
   public:
    using iterator_category = std::bidirectional_iterator_tag;
    using value_type = object_map::value_type;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<Const, const value_type*, value_type*>;
    using reference = std::conditional_t<Const, const value_type&, value_type&>;
    using tree_iterator = std::conditional_t<Const, typename Tree::const_iterator, typename Tree::iterator>;

    iter() = default;
    explicit iter(tree_iterator t) : t_(t) {}
    explicit iter(pointer p) : p_(p) {}
    template <bool C = Const, std::enable_if_t<C, int> = 0>
    iter(const iter<false>& o) : t_(o.t_), p_(o.p_) {}  // NOLINT: iterator → const_iterator

    reference operator*() const { return p_ ? *p_ : *t_; }
    pointer operator->() const { return p_ ? p_ : &*t_; }
    iter& operator++() {
      if (p_) ++p_;
      else ++t_;
      return *this;
    }
    iter operator++(int) {
      iter r = *this;
      ++*this;
      return r;
    }
    iter& operator--() {
      if (p_) --p_;
      else --t_;
      return *this;
    }
    iter operator--(int) {
      iter r = *this;
      --*this;
      return r;
    }
    friend bool operator==(const iter& a, const iter& b) { return a.p_ == b.p_ && a.t_ == b.t_; }
    friend bool operator!=(const iter& a, const iter& b) { return !(a == b); }

   private:
    friend class object_map;
    friend class iter<!Const>;
    tree_iterator t_{};
    pointer p_ = nullptr;
  };
  using iterator = iter<false>;
  using const_iterator = iter<true>;

  object_map() = default;
  template <class It>
  object_map(It first, It last) : tree_(first, last) {}
  object_map(std::initializer_list<value_type> il) : tree_(il) {}
  object_map(const object_map& o) { copy_from(o); }
  object_map(object_map&& o) noexcept : tree_(std::move(o.tree_)), flat_(std::exchange(o.flat_, nullptr)) {}
  object_map& operator=(const object_map& o) {
    if (this != &o) {
      object_map tmp(o);
      swap(tmp);
    }
    return *this;
  }
  object_map& operator=(object_map&& o) noexcept {
    if (this != &o) {
      release();
      tree_ = std::move(o.tree_);
      flat_ = std::exchange(o.flat_, nullptr);
    }
    return *this;
  }
  ~object_map() { release(); }
  void swap(object_map& o) noexcept {
    tree_.swap(o.tree_);
    std::swap(flat_, o.flat_);
  }
  friend void swap(object_map& a, object_map& b) noexcept { a.swap(b); }

  // ---- reads (never thaw) ----
  size_type size() const { return flat_ ? static_cast<size_type>(flat_->size) : tree_.size(); }
  bool empty() const { return size() == 0; }
  size_type max_size() const { return tree_.max_size(); }

  iterator begin() { return flat_ ? iterator(flat_->items()) : iterator(tree_.begin()); }
  iterator end() { return flat_ ? iterator(flat_->items() + flat_->size) : iterator(tree_.end()); }
  const_iterator begin() const { return flat_ ? const_iterator(flat_->items()) : const_iterator(tree_.begin()); }
  const_iterator end() const {
    return flat_ ? const_iterator(flat_->items() + flat_->size) : const_iterator(tree_.end());
  }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }

  template <class K>
  iterator find(const K& key) {
    if (!flat_) return iterator(tree_.find(key));
    return iterator(flat_find(key));
  }
  template <class K>
  const_iterator find(const K& key) const {
    if (!flat_) return const_iterator(tree_.find(key));
    return const_iterator(static_cast<const value_type*>(flat_find(key)));
  }
  template <class K>
  size_type count(const K& key) const {
    return find(key) == end() ? 0 : 1;
  }

  // ---- writes (thaw a frozen map first) ----
  T& operator[](const key_type& key) {
    thaw();
    return tree_[key];
  }
  T& operator[](key_type&& key) {
    thaw();
    return tree_[std::move(key)];
  }
  template <class... Args>
  std::pair<iterator, bool> emplace(Args&&... args) {
    thaw();
    auto r = tree_.emplace(std::forward<Args>(args)...);
    return {iterator(r.first), r.second};
  }
  std::pair<iterator, bool> insert(const value_type& v) {
    thaw();
    auto r = tree_.insert(v);
    return {iterator(r.first), r.second};
  }
  template <class It>
  void insert(It first, It last) {
    thaw();
    tree_.insert(first, last);
  }
  iterator erase(const_iterator pos) {
    if (flat_) pos = tree_position(pos);
    return iterator(tree_.erase(pos.t_));
  }
  iterator erase(const_iterator first, const_iterator last) {
    if (flat_) {
      const auto n = std::distance(first, last);
      first = tree_position(first);
      last = std::next(first, n);
    }
    return iterator(tree_.erase(first.t_, last.t_));
  }
  size_type erase(const key_type& key) {
    thaw();
    return tree_.erase(key);
  }
  void clear() {
    release();
    tree_.clear();
  }

  // ---- freezing ----
  bool frozen() const { return flat_ != nullptr; }
  // Moves the members into one sorted array (no-op when frozen or empty).
  void freeze() {
    static_assert(sizeof(Flat) % alignof(value_type) == 0, "members must follow the header aligned");
    if (flat_ || tree_.empty()) return;
    const std::size_t n = tree_.size();
    void* mem = ::operator new(sizeof(Flat) + n * sizeof(value_type));
    Flat* f = new (mem) Flat;
    value_type* out = f->items();
    // Keys are copied (tree keys are const; most fit std::string's inline buffer),
    // values moved; then the nodes go in one pass.
    for (auto& [k, v] : tree_) {
      new (out + f->size) value_type(k, std::move(v));
      ++f->size;
    }
    tree_.clear();
    flat_ = f;
  }

  friend bool operator==(const object_map& a, const object_map& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }
  friend bool operator!=(const object_map& a, const object_map& b) { return !(a == b); }
  friend bool operator<(const object_map& a, const object_map& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
  }
#if defined(__cpp_lib_three_way_comparison)
  // As std::map's <=>: members in order, keys then values (Json orders partially).
  friend std::partial_ordering operator<=>(const object_map& a, const object_map& b) {
    auto i = a.begin(), j = b.begin();
    for (; i != a.end() && j != b.end(); ++i, ++j) {
      if (auto c = i->first <=> j->first; c != 0) return c;
      if (auto c = i->second <=> j->second; c != 0) return c;
    }
    return (i == a.end()) == (j == b.end()) ? std::partial_ordering::equivalent
           : i == a.end()                   ? std::partial_ordering::less
                                            : std::partial_ordering::greater;
  }
#endif

 private:
  struct Flat {
    std::uint64_t size = 0;  // 8 bytes on wasm32 too: the members that follow need 8-byte alignment
    value_type* items() { return std::launder(reinterpret_cast<value_type*>(this + 1)); }
  };

  template <class K>
  value_type* flat_find(const K& key) const {
    value_type* b = flat_->items();
    value_type* e = b + flat_->size;
    Compare less;
    value_type* it = std::lower_bound(b, e, key, [&](const value_type& v, const K& k) { return less(v.first, k); });
    return it != e && !less(key, it->first) ? it : e;
  }

  // Thaws and returns the tree iterator at the same position as `pos`.
  const_iterator tree_position(const_iterator pos) {
    const auto idx = pos.p_ - flat_->items();
    thaw();
    return const_iterator(std::next(tree_.cbegin(), idx));
  }

  void thaw() {
    if (!flat_) return;
    Flat* f = std::exchange(flat_, nullptr);
    value_type* items = f->items();
    for (std::size_t i = 0; i < f->size; ++i) tree_.emplace_hint(tree_.end(), items[i].first, std::move(items[i].second));
    destroy(f);
  }

  void copy_from(const object_map& o) {
    if (!o.flat_) {
      tree_ = o.tree_;
      return;
    }
    const value_type* items = o.flat_->items();
    for (std::size_t i = 0; i < o.flat_->size; ++i) tree_.emplace_hint(tree_.end(), items[i]);
  }

  void release() {
    if (flat_) destroy(std::exchange(flat_, nullptr));
  }
  static void destroy(Flat* f) {
    value_type* items = f->items();
    for (std::size_t i = f->size; i-- > 0;) items[i].~value_type();
    f->~Flat();
    ::operator delete(static_cast<void*>(f));
  }

  Tree tree_;
  Flat* flat_ = nullptr;
};

}  // namespace kt::json_detail
