// ObjectMap: the key → object table of the store and of every informer cache,
// iterated in key order ("ns/name"), with prefix scans for namespaces.
//
// Why this shape: with 20 informers following 150,000 pods the bench keeps 21 such
// tables and writes each once per create. Sorted containers (a std::map, then
// sorted chunks) paid a search of ~18 key comparisons per write, each on keys that
// share a 36-character prefix, plus the moves of the insert. Here a write is a
// hash lookup: entries live in `sorted_` (in key order) or, when new, in
// `pending_` (in arrival order), and an open-addressing index finds either. Order
// is restored only when someone iterates: the pending entries are sorted and
// merged in (settle()), which costs O(pending·log pending + size) once per burst
// of new keys. Erased entries leave a tombstone in sorted_ (skipped, dropped at the
// next settle). Entries are 32 bytes, the index 8 bytes a slot. pending_ grows by
// segments (util::SegmentedVector): a burst of 150,000 new keys never moves the
// entries already there, and their memory is faulted in once.
//
// The key is shared: the store creates it once per object, with its hash, and
// hands it along with every watch event, so the informers keep a reference, not a
// copy, and never hash it again. With 21 tables of 150,000 entries the index
// slots live in main memory; a consumer that knows its next keys (an informer
// reading a batch of watch events) prefetch()es their slots ahead of the writes.
// Iteration order is the keys' byte order; the hash only places entries in the
// index, so nothing observable depends on it. Any insert or erase, and the first
// iteration after one, invalidates entry references.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/object.h"
#include "core/util/prefetch.h"
#include "core/util/segmented_vector.h"
#include "core/util/zeroed_array.h"

namespace kt::api {

// An object's store key ("namespace/name", or "name" when cluster-scoped) and the
// hash that places it in an ObjectMap's index.
struct ObjectKey {
  explicit ObjectKey(std::string key);
  ObjectKey(std::string key, std::uint32_t h) : text(std::move(key)), hash(h) {}  // h: ObjectMap::hash(key)
  std::string text;
  std::uint32_t hash;
};
using SharedKey = std::shared_ptr<const ObjectKey>;

inline SharedKey make_key(std::string key) { return std::make_shared<const ObjectKey>(std::move(key)); }

class ObjectMap {
 public:
  struct Entry {
    SharedKey key;
    ObjectPtr object;  // null: a tombstone (sorted_ only)
  };

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Null when absent.
  const Entry* find(std::string_view key) const;
  ObjectPtr get(std::string_view key) const {
    const Entry* e = find(key);
    return e ? e->object : nullptr;
  }

  // Inserts, or replaces the object of an existing key (keeping its key).
  // Returns the replaced object, null when the key is new.
  ObjectPtr put(const SharedKey& key, ObjectPtr obj);
  // The same for a key given as text: a SharedKey is made only when the key is
  // new. `stored` receives the entry's key.
  ObjectPtr put(std::string_view key, ObjectPtr obj, SharedKey& stored);

  // Where `key` is, or where it would go: for a write that follows a lookup of the
  // same key (one hash and one probe for both). Valid until the map next changes.
  struct Place {
    std::size_t slot;
    std::uint32_t hash;
  };
  Place locate(std::string_view key);
  const Entry* entry(const Place& p) const { return index_[p.slot] ? &at(index_[p.slot]) : nullptr; }
  // put(key, obj, stored) at a place locate(key) gave.
  ObjectPtr put_at(const Place& p, std::string_view key, ObjectPtr obj, SharedKey& stored);

  // A hint that `key` is about to be looked up or written: loads its index slot.
  void prefetch(const ObjectKey& key) const {
    if (const std::size_t n = index_.size()) util::prefetch_read(index_.data() + (key.hash & (n - 1)));
  }

  // The hash ObjectKey carries (exposed for tests).
  static std::uint32_t hash(std::string_view key);

  // Removes the key; returns its object (null when absent).
  ObjectPtr erase(std::string_view key);

  void clear();

  // fn(const Entry&) for every entry, in key order.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    settle();
    for (const Entry& e : sorted_)
      if (e.object) fn(e);
  }

  // fn(const Entry&) for the entries whose key starts with `prefix`, in key order.
  template <typename Fn>
  void for_each_prefix(std::string_view prefix, Fn&& fn) const {
    settle();
    for (std::size_t i = lower_bound(prefix); i < sorted_.size(); ++i) {
      const Entry& e = sorted_[i];
      if (std::string_view(e.key->text).substr(0, prefix.size()) != prefix) return;
      if (e.object) fn(e);
    }
  }

 private:
  // Index slot: 0 empty; else hash in the high 32 bits, position + 1 in the low 31,
  // and bit 31 set for a position in pending_.
  using Slot = std::uint64_t;

  Entry& at(Slot s) const;
  // The slot holding `key`, or the empty slot where it would go.
  std::size_t probe(std::string_view key, std::uint32_t h) const;
  void index_erase(std::size_t slot);
  void grow_if_full();
  // Adds a new entry at the empty slot i.
  void insert_at(std::size_t i, SharedKey key, ObjectPtr obj);
  void rebuild_index() const;
  // Sorts and merges pending_ into sorted_, drops tombstones, rebuilds the index.
  void settle() const {
    if (!pending_.empty() || dead_ > 0) merge();
  }
  void merge() const;
  std::size_t lower_bound(std::string_view key) const;  // in sorted_

  mutable std::vector<Entry> sorted_;   // key order; may hold tombstones
  mutable util::SegmentedVector<Entry> pending_;  // arrival order; never tombstones; never moved
  mutable util::ZeroedArray<Slot> index_;  // power-of-two size, or empty
  std::size_t size_ = 0;                // live entries
  mutable std::size_t dead_ = 0;        // tombstones in sorted_
};

}  // namespace kt::api
