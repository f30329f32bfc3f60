#include "core/api/object_map.h"

#include <algorithm>
#include <cstring>

namespace kt::api {
namespace {

constexpr std::uint64_t kPendingBit = 0x80000000ULL;
constexpr std::uint64_t kPosMask = 0x7fffffffULL;

std::uint64_t make_slot(std::uint32_t h, bool pending, std::size_t pos) {
  return (std::uint64_t{h} << 32) | (pending ? kPendingBit : 0) | (static_cast<std::uint64_t>(pos) + 1);
}

std::size_t next_pow2(std::size_t n) {
  std::size_t p = 16;
  while (p < n) p *= 2;
  return p;
}

// Doubles the index, re-placing the slots by the hash they carry (no key is read).
void grow_index(util::ZeroedArray<std::uint64_t>& index, std::size_t size) {
  util::ZeroedArray<std::uint64_t> old = std::move(index);
  index = util::ZeroedArray<std::uint64_t>(next_pow2(size * 2 + 2));
  const std::size_t mask = index.size() - 1;
  for (std::size_t k = 0; k < old.size(); ++k) {
    const std::uint64_t s = old[k];
    if (s == 0) continue;
    std::size_t i = static_cast<std::uint32_t>(s >> 32) & mask;
    while (index[i] != 0) i = (i + 1) & mask;
    index[i] = s;
  }
}

bool key_less(const ObjectMap::Entry& a, const ObjectMap::Entry& b) { return a.key->text < b.key->text; }

}  // namespace

ObjectKey::ObjectKey(std::string key) : text(std::move(key)), hash(ObjectMap::hash(text)) {}

std::uint32_t ObjectMap::hash(std::string_view key) {
  // Multiply-xor over 8-byte words; the value only places entries in the index.
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ key.size();
  const char* p = key.data();
  std::size_t n = key.size();
  auto mix = [&](std::uint64_t w) {
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
  };
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    mix(w);
  }
  if (n) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    mix(w);
  }
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

ObjectMap::Entry& ObjectMap::at(Slot s) const {
  const std::size_t pos = static_cast<std::size_t>(s & kPosMask) - 1;
  return (s & kPendingBit) ? pending_[pos] : sorted_[pos];
}

std::size_t ObjectMap::probe(std::string_view key, std::uint32_t h) const {
  const std::size_t mask = index_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot s = index_[i];
    if (s == 0) return i;
    if (static_cast<std::uint32_t>(s >> 32) == h && at(s).key->text == key) return i;
  }
}

const ObjectMap::Entry* ObjectMap::find(std::string_view key) const {
  if (size_ == 0) return nullptr;
  const Slot s = index_[probe(key, hash(key))];
  return s ? &at(s) : nullptr;
}

void ObjectMap::rebuild_index() const {
  index_ = util::ZeroedArray<Slot>(next_pow2(size_ * 2));
  const std::size_t mask = index_.size() - 1;
  auto add = [&](const Entry& e, bool pending, std::size_t pos) {
    const std::uint32_t h = e.key->hash;
    std::size_t i = h & mask;
    while (index_[i] != 0) i = (i + 1) & mask;
    index_[i] = make_slot(h, pending, pos);
  };
  for (std::size_t i = 0; i < sorted_.size(); ++i)
    if (sorted_[i].object) add(sorted_[i], false, i);
  for (std::size_t i = 0; i < pending_.size(); ++i) add(pending_[i], true, i);
}

void ObjectMap::grow_if_full() {
  if ((size_ + 1) * 4 > index_.size() * 3) grow_index(index_, size_);
}

void ObjectMap::insert_at(std::size_t i, SharedKey key, ObjectPtr obj) {
  const std::uint32_t h = key->hash;
  pending_.push_back(Entry{std::move(key), std::move(obj)});
  index_[i] = make_slot(h, true, pending_.size() - 1);
  ++size_;
}

ObjectPtr ObjectMap::put(const SharedKey& key, ObjectPtr obj) {
  grow_if_full();
  const std::size_t i = probe(key->text, key->hash);
  if (index_[i] != 0) {
    std::swap(at(index_[i]).object, obj);
    return obj;
  }
  insert_at(i, key, std::move(obj));
  return nullptr;
}

ObjectMap::Place ObjectMap::locate(std::string_view key) {
  grow_if_full();  // here, so that the place stays valid for put_at
  const std::uint32_t h = hash(key);
  return {probe(key, h), h};
}

ObjectPtr ObjectMap::put_at(const Place& p, std::string_view key, ObjectPtr obj, SharedKey& stored) {
  if (index_[p.slot] != 0) {
    Entry& e = at(index_[p.slot]);
    stored = e.key;
    std::swap(e.object, obj);
    return obj;
  }
  stored = std::make_shared<const ObjectKey>(std::string(key), p.hash);
  insert_at(p.slot, stored, std::move(obj));
  return nullptr;
}

ObjectPtr ObjectMap::put(std::string_view key, ObjectPtr obj, SharedKey& stored) {
  return put_at(locate(key), key, std::move(obj), stored);
}

// Backward-shift deletion for linear probing: later members of the cluster move up
// so that no probe sequence crosses an empty slot.
void ObjectMap::index_erase(std::size_t i) {
  const std::size_t mask = index_.size() - 1;
  for (std::size_t j = (i + 1) & mask; index_[j] != 0; j = (j + 1) & mask) {
    const std::size_t home = static_cast<std::uint32_t>(index_[j] >> 32) & mask;
    // The entry at j stays when its home lies cyclically in (i, j].
    const bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
    if (stays) continue;
    index_[i] = index_[j];
    i = j;
  }
  index_[i] = 0;
}

ObjectPtr ObjectMap::erase(std::string_view key) {
  if (size_ == 0) return nullptr;
  const std::size_t i = probe(key, hash(key));
  const Slot s = index_[i];
  if (s == 0) return nullptr;
  const std::size_t pos = static_cast<std::size_t>(s & kPosMask) - 1;
  ObjectPtr out;
  if (s & kPendingBit) {
    out = std::move(pending_[pos].object);
    index_erase(i);
    if (pos + 1 != pending_.size()) {
      // The last pending entry moves into the hole; its slot follows it.
      const ObjectKey& moved = *pending_.back().key;
      const std::size_t j = probe(moved.text, moved.hash);
      pending_[pos] = std::move(pending_.back());
      index_[j] = (index_[j] & ~kPosMask) | (static_cast<std::uint64_t>(pos) + 1);
    }
    pending_.pop_back();
  } else {
    out = std::move(sorted_[pos].object);  // a tombstone until the next merge
    ++dead_;
    index_erase(i);
  }
  --size_;
  if (dead_ > 32 && dead_ * 2 > sorted_.size()) merge();
  return out;
}

void ObjectMap::clear() {
  sorted_.clear();
  pending_.clear();
  index_ = {};
  size_ = 0;
  dead_ = 0;
}

void ObjectMap::merge() const {
  std::vector<Entry> fresh;
  fresh.reserve(pending_.size());
  for (std::size_t i = 0; i < pending_.size(); ++i) fresh.push_back(std::move(pending_[i]));
  pending_.clear();
  std::sort(fresh.begin(), fresh.end(), key_less);
  std::vector<Entry> out;
  out.reserve(size_);
  auto a = sorted_.begin();
  auto b = fresh.begin();
  while (a != sorted_.end() || b != fresh.end()) {
    if (a != sorted_.end() && !a->object) {
      ++a;
      continue;
    }
    if (b == fresh.end() || (a != sorted_.end() && a->key->text < b->key->text)) out.push_back(std::move(*a++));
    else out.push_back(std::move(*b++));
  }
  sorted_ = std::move(out);
  dead_ = 0;
  rebuild_index();
}

std::size_t ObjectMap::lower_bound(std::string_view key) const {
  auto it = std::lower_bound(sorted_.begin(), sorted_.end(), key,
                             [](const Entry& e, std::string_view k) { return std::string_view(e.key->text) < k; });
  return static_cast<std::size_t>(it - sorted_.begin());
}

}  // namespace kt::api
