// The member map of Json objects (nlohmann::basic_json's ObjectType).
//
// A std::map while an object is being built or edited, so references to members
// stay valid across inserts exactly as before. Stored objects are frozen
// (make_frozen in json.h): every object in them becomes a shared, immutable node
// that holds this map's "shell" (a map whose members are one sorted array) and the
// members after it:
//
//   [Flat: refs, hash, size][object_map shell][value_type members[size]]
//
// json.cpp builds and frees the nodes and shares equal ones between documents (all
// the pods of a ReplicaSet hold one spec); a std::map node costs ~96 bytes per
// member against 48 here, and most members of a stored pod are shared.
//
// Frozen maps only live behind const Json (ObjectPtr). A mutating call on one would
// thaw it into a std::map first (a deep copy), and copies of a node's shell are
// always std::map-backed, so code that copies a stored object and edits the copy
// sees no difference. Order (sorted keys), lookup and equality are those of
// std::map<std::string, Json, std::less<>>.
//
// A borrowed map (json.h borrow_frozen) is the one frozen map that may sit in a
// mutable document: a map outside a node that reads as the node and holds a
// reference to it. Its first non-const call of any kind (a write, or a non-const
// begin/end/find, through which a caller could write) thaws it into its own
// std::map copy first; a copy of it borrows the node too. Note that Json's own
// accessors reach the map through a non-const pointer, its const ones included:
// they thaw it as well. Reads through a const object_map (get_ptr<const object_t*>,
// as the API's field() and the kinds' get() do) leave it borrowed. The create path
// gives a pod the defaulted spec of its template this way, and freezing takes the
// node back without a copy (json.cpp). Destroying an unthawed borrowed map inside a
// Json thaws it first (nlohmann's destructor iterates its children non-const), so
// the documents that hold one are meant to be frozen, not dropped.
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
#include <string_view>
#include <type_traits>
#include <utility>
#if defined(__cpp_lib_three_way_comparison)
#include <compare>
#endif

#include "core/util/mismatch.h"
#include "core/util/node_pool.h"

namespace kt::json_detail {

// Byte-wise key order (std::less<std::string>'s), compared inline a word at a time:
// keys are short, and the library's compare is a call per tree level of every lookup
// (validation and defaulting look up a few dozen members of each object written).
struct KeyLess {
  using is_transparent = void;
  template <class A, class B>
    requires std::is_convertible_v<const A&, std::string_view> && std::is_convertible_v<const B&, std::string_view>
  bool operator()(const A& a, const B& b) const {
    const std::string_view x(a), y(b);
    const std::size_t n = x.size() < y.size() ? x.size() : y.size();
    const std::size_t i = util::mismatch_at(x.data(), y.data(), n);
    if (i < n) return static_cast<unsigned char>(x[i]) < static_cast<unsigned char>(y[i]);
    return x.size() < y.size();
  }
};

// A frozen object node's reference count, for borrowed maps (json.cpp defines them).
void add_node_ref(const void* flat);
void drop_node_ref(const void* flat);

// Compare and Alloc are what nlohmann::basic_json passes; the map orders its keys
// with KeyLess (the same order) and takes its tree nodes from util::node_pool.
template <class Key, class T, class Compare = std::less<>,
          class Alloc = std::allocator<std::pair<const Key, T>>>
class object_map {
 public:
  using key_type = Key;
  using mapped_type = T;
  using value_type = std::pair<const Key, T>;
  using key_compare = KeyLess;
  using allocator_type = util::node_pool::Allocator<value_type>;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = value_type&;
  using const_reference = const value_type&;
  using pointer = value_type*;
  using const_pointer = const value_type*;
  using Tree = std::map<Key, T, KeyLess, util::node_pool::Allocator<value_type>>;

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
  object_map(object_map&& o) noexcept { take(std::move(o)); }
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
      tree_.clear();
      take(std::move(o));
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

  // Non-const access thaws a borrowed map (see above); a node's shell stays as it is.
  iterator begin() {
    own();
    return flat_ ? iterator(items()) : iterator(tree_.begin());
  }
  iterator end() {
    own();
    return flat_ ? iterator(items() + flat_->size) : iterator(tree_.end());
  }
  const_iterator begin() const { return flat_ ? const_iterator(items()) : const_iterator(tree_.begin()); }
  const_iterator end() const {
    return flat_ ? const_iterator(items() + flat_->size) : const_iterator(tree_.end());
  }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }

  // A key given as characters (a literal, a const char*) is measured once here, not
  // at every comparison of the search.
  template <class K>
  iterator find(const K& key) {
    if constexpr (std::is_convertible_v<const K&, std::string_view> && !std::is_same_v<K, std::string_view>) {
      return find(std::string_view(key));
    } else {
      own();
      if (!flat_) return iterator(tree_.find(key));
      return iterator(flat_find(key));
    }
  }
  template <class K>
  const_iterator find(const K& key) const {
    if constexpr (std::is_convertible_v<const K&, std::string_view> && !std::is_same_v<K, std::string_view>) {
      return find(std::string_view(key));
    } else {
      if (!flat_) return const_iterator(tree_.find(key));
      return const_iterator(static_cast<const value_type*>(flat_find(key)));
    }
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
  // Sets member `key` to v and returns it: one search, and a key string made only
  // for a new member (Json's operator[] makes one on every call, and a map node
  // before it searches).
  template <class V>
  T& assign(std::string_view key, V&& v) {
    thaw();
    auto it = tree_.lower_bound(key);
    if (it != tree_.end() && !KeyLess{}(key, it->first)) {
      it->second = std::forward<V>(v);
      return it->second;
    }
    return tree_.emplace_hint(it, key_type(key), std::forward<V>(v))->second;
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

  // ---- frozen nodes (built and freed by json.cpp) ----
  struct Flat {
    std::uint32_t refs;  // documents and nodes holding this node
    std::uint32_t hash;  // of the contents, for sharing equal nodes
    std::uint64_t size;  // members; 8 bytes on wasm32 too: the shell that follows needs 8-byte alignment
  };
  // True for a node's shell and for a borrowed map.
  bool frozen() const { return flat_ != nullptr; }
  const Flat* frozen_node() const { return flat_; }
  // A map that reads as a node it is not the shell of, holding a reference to it.
  bool borrowed() const { return flat_ && this != shell_of(flat_); }
  // Makes this empty map borrow node f (taking a reference).
  void borrow(const Flat* f) {
    clear();
    add_node_ref(f);
    flat_ = const_cast<Flat*>(f);
  }
  // A borrowed map gives its node and its reference to the caller and is left empty.
  const Flat* surrender() { return std::exchange(flat_, nullptr); }
  static std::size_t node_bytes(std::size_t members) { return items_offset() + members * sizeof(value_type); }
  // The node's shell, constructed in place: a frozen map over the node's members.
  static object_map* construct_shell(Flat* f) {
    auto* m = new (reinterpret_cast<char*>(f) + sizeof(Flat)) object_map();
    m->flat_ = f;
    return m;
  }
  static object_map* shell_of(const Flat* f) {
    return std::launder(reinterpret_cast<object_map*>(const_cast<char*>(reinterpret_cast<const char*>(f)) + sizeof(Flat)));
  }
  static value_type* node_items(const Flat* f) {
    return std::launder(reinterpret_cast<value_type*>(const_cast<char*>(reinterpret_cast<const char*>(f)) + items_offset()));
  }
  // Ends a shell's life (the node's members are the caller's to destroy).
  void destroy_shell() {
    flat_ = nullptr;
    this->~object_map();
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
  static std::size_t items_offset() {
    static_assert(sizeof(Flat) % alignof(object_map) == 0, "the shell must follow the header aligned");
    const std::size_t a = alignof(value_type);
    return (sizeof(Flat) + sizeof(object_map) + a - 1) / a * a;
  }
  value_type* items() const { return node_items(flat_); }

  template <class K>
  value_type* flat_find(const K& key) const {
    value_type* b = items();
    value_type* e = b + flat_->size;
    KeyLess less;
    value_type* it = std::lower_bound(b, e, key, [&](const value_type& v, const K& k) { return less(v.first, k); });
    return it != e && !less(key, it->first) ? it : e;
  }

  // Thaws and returns the tree iterator at the same position as `pos`.
  const_iterator tree_position(const_iterator pos) {
    const auto idx = pos.p_ - items();
    thaw();
    return const_iterator(std::next(tree_.cbegin(), idx));
  }

  // A borrowed map becomes its own std::map copy of the node. (A node's shell is only
  // reachable through const Json: a mutating call on one is a bug elsewhere. It
  // copies the members too, so that it at least edits its own data, never the
  // shared node.)
  void thaw() {
    if (!flat_) return;
    const bool held = borrowed();
    const Flat* f = std::exchange(flat_, nullptr);
    const value_type* it = node_items(f);
    for (std::size_t i = 0; i < f->size; ++i) tree_.emplace_hint(tree_.end(), it[i]);
    if (held) drop_node_ref(f);
  }
  void own() {
    if (borrowed()) thaw();
  }

  // A copy of a borrowed map borrows the node too; a copy of a shell is a std::map.
  void copy_from(const object_map& o) {
    if (!o.flat_) {
      tree_ = o.tree_;
      return;
    }
    if (o.borrowed()) {
      add_node_ref(o.flat_);
      flat_ = o.flat_;
      return;
    }
    const value_type* it = o.items();
    for (std::size_t i = 0; i < o.flat_->size; ++i) tree_.emplace_hint(tree_.end(), it[i]);
  }

  // Moves o's contents here (this map is empty). A borrowed map's node and reference
  // move; a node's shell is never moved from (it would leave the node without its
  // shell): that is copied.
  void take(object_map&& o) {
    if (o.flat_ && !o.borrowed()) {
      copy_from(o);
      return;
    }
    tree_ = std::move(o.tree_);
    flat_ = std::exchange(o.flat_, nullptr);
  }

  // A shell does not own its node (json.cpp does): forgetting it is enough. A
  // borrowed map drops its reference.
  void release() {
    if (borrowed()) drop_node_ref(flat_);
    flat_ = nullptr;
  }

  Tree tree_;
  Flat* flat_ = nullptr;
};

}  // namespace kt::json_detail
